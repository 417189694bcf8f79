package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.docker.testing.DockerDir;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import org.junit.jupiter.api.Test;

/**
 * demo/run-demo without running the demo (DemoRunTest runs it):
 * shellcheck-clean bash, usage on --help, a clear error on a bad option.
 */
class DemoScriptTest {
    private static final String SCRIPT = DockerDir.repository("demo/run-demo").toString();

    @Test
    void script_demo_passesShellcheck() {
        Prerequisites.requireCommand("shellcheck", "shellcheck");

        Commands.Result result = Commands.run("shellcheck", "--severity=style", SCRIPT);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void help_demo_printsUsageAndExitsZero() {
        Commands.Result result = Commands.run("bash", SCRIPT, "--help").requireSuccess();

        assertThat(result.output()).contains("sudo demo/run-demo --duration");
    }

    @Test
    void unknownOption_demo_exitsTwoNamingIt() {
        Commands.Result result = Commands.run("bash", SCRIPT, "--bogus");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown option '--bogus'");
    }
}
