package dev.vigil.packaging.deb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The .deb that {@code mvn package} just built in this module's target directory. */
public final class BuiltDeb {
    private BuiltDeb() {}

    public static Path path() {
        Path dir = Path.of(System.getProperty("vigil.deb.dir", "target"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("vigil-agent_.+_all\\.deb"))
                    .toList();
            if (debs.size() != 1) {
                throw new AssertionError("expected exactly one vigil-agent_*_all.deb in " + dir
                        + " (run 'mvn package' first), found " + debs);
            }
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source file of the package (src/deb/...), for tests that tamper with a copy. */
    public static Path source(String relative) {
        return Path.of(System.getProperty("vigil.deb.src", "src/deb")).resolve(relative);
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
