package dev.vigil.packaging.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.deb.testing.ExtractedDeb;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The maintainer scripts and the wrapper as packaged: executable, POSIX sh that dash parses, shellcheck-clean. */
class MaintainerScriptsIT {
    private static ExtractedDeb deb;

    @BeforeAll
    static void extract() {
        Prerequisites.requireCommand("shellcheck", "shellcheck");
        Prerequisites.requireCommand("dash", "dash");
        deb = ExtractedDeb.extract();
    }

    @AfterAll
    static void cleanUp() {
        if (deb != null) {
            deb.close();
        }
    }

    private static Path script(String name) {
        return name.startsWith("/") ? deb.resolve(name) : deb.controlFile(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postinst", "prerm", "postrm", "/usr/bin/vigil-agent"})
    void script_packaged_isExecutableAndParsesInDash(String name) {
        Path script = script(name);

        assertThat(Files.isExecutable(script)).as(name + " executable").isTrue();
        Commands.run("dash", "-n", script.toString()).requireSuccess();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postinst", "prerm", "postrm", "/usr/bin/vigil-agent"})
    void script_packaged_passesShellcheck(String name) {
        Commands.Result result = Commands.run(
                "shellcheck", "--shell=sh", "--severity=style", script(name).toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postinst", "prerm", "postrm"})
    void script_unknownAction_failsLoudly(String name) {
        Commands.Result result = Commands.run(script(name).toString(), "no-such-action");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("unknown argument 'no-such-action'");
    }
}
