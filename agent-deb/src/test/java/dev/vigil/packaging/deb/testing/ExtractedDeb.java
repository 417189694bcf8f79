package dev.vigil.packaging.deb.testing;

import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The built .deb unpacked with {@code dpkg-deb --raw-extract}: data under the root, control files in DEBIAN/. */
public final class ExtractedDeb implements AutoCloseable {
    private final Path root;

    private ExtractedDeb(Path root) {
        this.root = root;
    }

    public static ExtractedDeb extract() {
        try {
            Path root = Files.createTempDirectory("vigil-deb-");
            Commands.run("dpkg-deb", "--raw-extract", BuiltDeb.path().toString(), root.toString())
                    .requireSuccess();
            return new ExtractedDeb(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path resolve(String absolute) {
        return root.resolve(absolute.replaceFirst("^/", ""));
    }

    public Path controlFile(String name) {
        return root.resolve("DEBIAN").resolve(name);
    }

    @Override
    public void close() {
        BuiltDeb.deleteTree(root);
    }
}
