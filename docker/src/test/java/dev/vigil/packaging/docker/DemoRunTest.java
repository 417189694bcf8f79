package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.docker.testing.DockerDir;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo, as a newcomer runs it: {@code demo/run-demo --duration 110 --check} on the jars the reactor built
 * (site lab with keepalived, RouterOS simulators, collector, agent). It must exit 0 — the collector recorded the WAN
 * cut, the policy's actions, the failover and an alert; then, through the collector's API, two configuration backups
 * (the second adding no version) and a failover drill that passed with NAT following — and leave none of its lab
 * namespaces behind.
 */
class DemoRunTest {
    private static final int DURATION_SECONDS = 110;
    private static final Pattern NAMESPACES = Pattern.compile("site lab up: namespaces ([^\\n]+)");

    @TempDir
    Path dir;

    @Test
    void runDemo_withCheck_recordsTheFailoverStoryAndRemovesTheLab() throws Exception {
        Prerequisites.requireRoot("the demo's network namespaces and keepalived");
        Prerequisites.requireCommand("keepalived", "keepalived");
        Prerequisites.requireCommand("socat", "socat");
        Prerequisites.requireCommand("curl", "curl");
        for (String jar : List.of(
                "agent/target/vigil-agent.jar",
                "collector/target/vigil-collector.jar",
                "testkit/target/vigil-testkit.jar")) {
            assertThat(DockerDir.repository(jar))
                    .as("built earlier in the reactor")
                    .exists();
        }

        Path log = dir.resolve("run-demo.log");
        int exit = runDemo(log);
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(exit).as(output).isZero();
        assertThat(output)
                .contains("Dashboard:  http://127.0.0.1:")
                .contains("Login:      admin / ")
                .contains("collector event: wan.down wan/wan1")
                .contains("collector event: action.executed router/router-a rule=wan_aware_vrrp")
                .contains("collector event: vrrp.master_changed")
                .contains("collector ALERT open:")
                .contains("backup_config: completed")
                .contains("failover_drill: completed")
                .containsPattern("drill: completed passed=True takeover_ms=\\d+ nat_ms=\\d+")
                .contains("CHECK: ok");
        assertThat(output.indexOf("collector event: wan.up"))
                .as("the story's clock starts at the first wan.up: it is stored before the first cut\n" + output)
                .isNotNegative()
                .isLessThan(output.indexOf("t=0: the collector stored the first wan.up"))
                .isLessThan(output.indexOf("lab: cut wan1"));
        Matcher m = NAMESPACES.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        List<String> labNamespaces = Arrays.asList(m.group(1).trim().split(" "));
        assertThat(labNamespaces).isNotEmpty();
        assertThat(namespacesNow()).doesNotContainAnyElementsOf(labNamespaces);
    }

    /** Runs the demo; if it overruns, SIGTERM (its trap cleans up) and then fails the test. */
    private int runDemo(Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "bash",
                        DockerDir.repository("demo/run-demo").toString(),
                        "--duration",
                        Integer.toString(DURATION_SECONDS),
                        "--check",
                        "--http-port",
                        Integer.toString(FreePorts.next()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(DURATION_SECONDS + 360, TimeUnit.SECONDS)) {
            p.destroy();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            throw new AssertionError(
                    "run-demo did not finish in time:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return p.exitValue();
    }

    private static List<String> namespacesNow() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(l -> l.split(" ")[0]).toList();
    }
}
