package dev.vigil.testkit.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepalivedBridgeTest {
    private static final String CONF = """
            global_defs {
              router_id vigil_a
            }
            vrrp_instance lan4 {
              state BACKUP
              interface lan0
              virtual_router_id 10
              priority 150
              virtual_ipaddress {
                192.0.2.1/24
              }
            }
            vrrp_instance lan6 {
              interface lan0
              virtual_router_id 20
              priority 150
            }
            """;

    @Test
    void setPriority_rewritesOnlyThatInstanceAndSendsSighup(@TempDir Path dir) throws Exception {
        dev.vigil.testkit.Prerequisites.requireCommand("kill", "procps");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), CONF, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("lan4.state"), "MASTER\n", StandardCharsets.US_ASCII);
        Process stand_in = new ProcessBuilder("env", "--default-signal=HUP", "sleep", "60").start();
        try {
            Path pid =
                    Files.writeString(dir.resolve("keepalived.pid"), stand_in.pid() + "\n", StandardCharsets.US_ASCII);
            SimRouter router = new SimRouter(SimRouter.Personality.V7, null);
            router.useKeepalived(new KeepalivedBridge(conf, pid, dir.resolve("lan4.state")));

            List<Map<String, String>> items =
                    router.execute("/interface/vrrp/print", Map.of(), List.of()).items();
            assertThat(items).hasSize(2);
            assertThat(items.get(0))
                    .containsEntry("name", "lan4")
                    .containsEntry("vrid", "10")
                    .containsEntry("master", "true");
            assertThat(items.get(1))
                    .containsEntry("name", "lan6")
                    .doesNotContainKey("master")
                    .doesNotContainKey("backup");

            assertThat(router.execute("/interface/vrrp/set", Map.of(".id", "*1", "priority", "50"), List.of())
                            .failed())
                    .isFalse();
            String rewritten = Files.readString(conf, StandardCharsets.UTF_8);
            assertThat(rewritten)
                    .contains("virtual_router_id 10\n  priority 50")
                    .contains("virtual_router_id 20\n  priority 150");
            // sleep(1) dies of SIGHUP (default disposition even under nohup): the reload signal really went to the pid
            await().atMost(Duration.ofSeconds(5)).until(() -> !stand_in.isAlive());
            assertThat(router.execute("/interface/vrrp/set", Map.of(".id", "*1", "priority", "0"), List.of())
                            .traps())
                    .extracting(t -> t.get("message"))
                    .containsExactly("value of priority out of range (1..254)");
        } finally {
            stand_in.destroyForcibly();
        }
    }
}
