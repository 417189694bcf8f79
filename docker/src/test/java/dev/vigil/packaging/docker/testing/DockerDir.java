package dev.vigil.packaging.docker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files under docker/ (this module's base directory) and the repository around it. */
public final class DockerDir {
    private DockerDir() {}

    public static Path path(String relative) {
        return Path.of(System.getProperty("vigil.docker.dir", ".")).resolve(relative);
    }

    public static Path repository(String relative) {
        return path("..").resolve(relative).normalize();
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tools this module's tests install for themselves (npm packages) live under target/tools. */
    public static Path tools() {
        return Path.of(System.getProperty("vigil.tools.dir", "target/tools"));
    }
}
