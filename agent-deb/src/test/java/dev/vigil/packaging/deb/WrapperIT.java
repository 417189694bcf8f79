package dev.vigil.packaging.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.deb.testing.ExtractedDeb;
import dev.vigil.testkit.process.Commands;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs /usr/bin/vigil-agent from the package on the packaged jar: the JVM accepts every default flag. */
class WrapperIT {
    private static ExtractedDeb deb;

    @BeforeAll
    static void extract() {
        deb = ExtractedDeb.extract();
    }

    @AfterAll
    static void cleanUp() {
        if (deb != null) {
            deb.close();
        }
    }

    private static Commands.Result agent(String javaOpts, String... args) {
        List<String> argv = new java.util.ArrayList<>(
                List.of(deb.resolve("/usr/bin/vigil-agent").toString()));
        argv.addAll(List.of(args));
        return Commands.run(
                Map.of(
                        "VIGIL_AGENT_JAR",
                        deb.resolve("/usr/share/vigil/vigil-agent.jar").toString(),
                        "VIGIL_JAVA_OPTS",
                        javaOpts),
                argv);
    }

    @Test
    void wrapper_help_runsTheAgentWithTheSmallFootprintFlags() {
        Commands.Result result = agent("-XshowSettings:vm", "--help").requireSuccess();

        assertThat(result.output()).contains("Usage: vigil-agent").contains("Max. Heap Size: 64.00M");
    }

    @Test
    void wrapper_javaOptsFromEnvironment_overrideTheDefaults() {
        Commands.Result result = agent("-XshowSettings:vm -Xmx96m", "--version").requireSuccess();

        assertThat(result.output()).contains("Max. Heap Size: 96.00M");
    }

    @Test
    void wrapper_badJvmOption_failsWithTheJvmMessage() {
        Commands.Result result = agent("-XX:+NoSuchVigilFlag", "--version");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("NoSuchVigilFlag");
    }
}
