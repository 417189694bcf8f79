package dev.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainRunArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "run --config /tmp/a.yaml", "run -c /tmp/a.yaml", "run --config=/tmp/a.yaml"})
    void config_plainRun_sameFileAsPicocliParses(String line) {
        String[] args = line.split(" ");
        RunCommand parsed = (RunCommand) AgentMain.commandLine()
                .parseArgs(args)
                .subcommand()
                .commandSpec()
                .userObject();

        assertThat(PlainRunArguments.config(args)).isEqualTo(parsed.config).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "run --help",
                "run -h",
                "run --version",
                "run --config",
                "run --config=",
                "run -c --help",
                "run /tmp/a.yaml",
                "run --config /tmp/a.yaml --verbose",
                "check-config /tmp/a.yaml",
                "--help",
                "sniff -i eth0"
            })
    void config_anythingElse_isLeftToPicocli(String line) {
        assertThat(PlainRunArguments.config(line.split(" "))).isNull();
    }

    @Test
    void config_noArguments_isLeftToPicocli() {
        assertThat(PlainRunArguments.config()).isNull();
        assertThat(PlainRunArguments.config("run")).isEqualTo(Path.of("/etc/vigil/agent.yaml"));
    }
}
