package dev.vigil.packaging.docker.testing;

import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * dockerfile-utils (the Dockerfile language server's linter, from npm) installed into target/tools on first use.
 * hadolint is neither in Debian nor on npm, so this is the real linter the tests can get.
 */
public final class DockerfileLinter {
    public static final String PACKAGE = "dockerfile-utils@0.16.3";

    private DockerfileLinter() {}

    public static synchronized Path install() {
        Path bin = DockerDir.tools().resolve("node_modules/.bin/dockerfile-utils");
        if (Files.isExecutable(bin)) {
            return bin;
        }
        Prerequisites.requireCommand("npm", "npm");
        Commands.run(
                        "npm",
                        "install",
                        "--no-save",
                        "--no-audit",
                        "--no-fund",
                        "--prefix",
                        DockerDir.tools().toString(),
                        PACKAGE)
                .requireSuccess();
        return bin;
    }

    public static Commands.Result lint(Path dockerfile) {
        return Commands.run(install().toString(), "lint", dockerfile.toString());
    }
}
