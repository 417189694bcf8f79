package dev.vigil.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.RouterOsSimulators;
import dev.vigil.testkit.lab.SiteLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil-agent run} wired end to end in the site lab: a child JVM in the agent's namespace sniffs the keepalived
 * pair, probes two WANs and talks to a RouterOS simulator in each router namespace (which drives that router's
 * keepalived), publishing to a mosquitto in the same namespace. Cutting the master's WAN makes the failover policy
 * demote it: {@code wan.down}, {@code action.executed} and the VRRP master change all reach the broker.
 */
class RunLabTest {

    @TempDir
    Path dir;

    private String published() throws IOException {
        Path file = dir.resolve("published.txt");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private boolean publishedType(String type) throws IOException {
        return published().contains("\"type\":\"" + type + "\"");
    }

    @Test
    void run_inSiteLab_wanCutOnMasterFailsOverAndEveryStepReachesTheBroker() throws Exception {
        Prerequisites.requireRoot("the site lab");
        Prerequisites.requireCommand("mosquitto_sub", "mosquitto-clients");
        try (SiteLab lab =
                SiteLab.builder().wans(2).advertInterval(Duration.ofMillis(300)).start()) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            int port = AgentInLab.startBroker(lab, dir, "lab-site");
            int portA = RouterOsSimulators.start(lab, Router.A, dir);
            int portB = RouterOsSimulators.start(lab, Router.B, dir);
            Path secret = Files.writeString(dir.resolve("router.secret"), "vigil\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Path config = dir.resolve("agent.yaml");
            Files.writeString(
                    config, AgentInLab.yaml(lab, "lab-site", port, portA, portB, secret), StandardCharsets.UTF_8);
            lab.spawn(
                    Host.AGENT,
                    List.of(
                            java,
                            "-Xmx64m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.vigil.agent.cli.AgentMain",
                            "run",
                            "--config",
                            config.toString()),
                    dir.resolve("agent.log"));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> publishedType("vrrp.master_elected")
                            && publishedType("router.reachable")
                            && publishedType("wan.up")
                            && published().contains("\"status\":\"online\""));
            assertThat(lab.master()).hasValue(Router.A);
            lab.cutWan("wan1");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> publishedType("wan.down") && published().contains("\"subject\":\"wan/wan1\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> publishedType("action.executed"));
            await().atMost(Duration.ofSeconds(30)).until(() -> publishedType("vrrp.master_changed"));
            assertThat(lab.master()).hasValue(Router.B);
            assertThat(published()).contains("vigil/v1/sites/lab-site/state ");
        }
    }
}
