package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.docker.testing.DockerDir;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scripts under docker/podman: shellcheck-clean, and a wrong argument is named with what is accepted. */
class PodmanScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"podman/base-image", "podman/postgres-entrypoint"})
    void shellcheck_shippedScript_reportsNothing(String script) {
        Prerequisites.requireCommand("shellcheck", "shellcheck");

        Commands.Result result = Commands.run(
                "shellcheck", "--severity=style", DockerDir.path(script).toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void baseImage_unknownArchitecture_isRefusedNamingTheAcceptedOnes() {
        Commands.Result result =
                Commands.run(DockerDir.path("podman/base-image").toString(), "--arch", "sparc");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).isEqualTo("base-image: --arch 'sparc' is not one of amd64, arm64, armhf\n");
    }

    @Test
    void baseImage_unknownOption_isRefusedNamingIt() {
        Commands.Result result =
                Commands.run(DockerDir.path("podman/base-image").toString(), "--release", "trixie");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output())
                .isEqualTo(
                        "base-image: unknown argument '--release' (accepted: --arch ARCH, --tag IMAGE, --mirror URL)\n");
    }
}
