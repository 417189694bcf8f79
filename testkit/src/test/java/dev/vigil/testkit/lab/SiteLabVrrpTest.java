package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real keepalived in the lab: election, graceful handover, crash failover, split brain, priority change. */
class SiteLabVrrpTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);

    /** tcpdump on the agent's LAN leg, returning once it has seen router A's adverts. */
    private static Path captureAdverts(SiteLab lab) throws Exception {
        Prerequisites.requireCommand("tcpdump", "tcpdump");
        Path log = lab.directory().resolve("agent-vrrp.txt");
        lab.spawn(Host.AGENT, List.of("tcpdump", "-l", "-n", "-i", "lan0", "vrrp"), log);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(log) && Files.readString(log).contains("192.0.2.2 > 224.0.0.18"));
        return log;
    }

    private static SiteLab fastLab() {
        return SiteLab.builder().advertInterval(INTERVAL).start();
    }

    @Test
    void start_defaultPriorities_higherPriorityRouterIsMaster() {
        try (SiteLab lab = fastLab()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
                assertThat(lab.vrrpState(Router.B)).isEqualTo("BACKUP");
            });
            assertThat(lab.master()).contains(Router.A);
            ExecResult vip = lab.exec(Host.ROUTER_A, "ip", "-4", "-o", "addr", "show", "dev", "lan0");
            assertThat(vip.stdout()).contains("192.0.2.1/24");
        }
    }

    @Test
    void stopRouter_master_sendsPriorityZeroAndBackupTakesOver() throws Exception {
        try (SiteLab lab = fastLab()) {
            Path capture = captureAdverts(lab);
            lab.stopRouter(Router.A);
            await().atMost(Duration.ofSeconds(3)).until(() -> lab.vrrpState(Router.B), "MASTER"::equals);
            assertThat(lab.vrrpState(Router.A)).isEqualTo("STOP");
            assertThat(lab.isRouterRunning(Router.A)).isFalse();
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> Files.readString(capture), c -> c.contains("192.0.2.3 > 224.0.0.18"));
            assertThat(Files.readString(capture))
                    .contains("192.0.2.2 > 224.0.0.18: VRRPv3, Advertisement, vrid 10, prio 0,");
        }
    }

    @Test
    void crashRouter_master_noPriorityZeroAndBackupWaitsOutMasterDown() throws Exception {
        try (SiteLab lab = fastLab()) {
            Path capture = captureAdverts(lab);
            long t0 = System.nanoTime();
            lab.crashRouter(Router.A);
            await().atMost(Duration.ofSeconds(5)).until(() -> lab.vrrpState(Router.B), "MASTER"::equals);
            Duration failover = Duration.ofNanos(System.nanoTime() - t0);
            // no priority 0 was sent: B waited for the master-down interval (3 x 0.3 s + skew), not just the skew
            assertThat(failover).isGreaterThan(INTERVAL.multipliedBy(2));
            assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
            assertThat(lab.exec(Host.ROUTER_A, "ip", "-o", "addr", "show", "dev", "lan0")
                            .stdout())
                    .doesNotContain("192.0.2.1/");
        }
    }

    @Test
    void splitBrain_on_bothRoutersMaster_off_higherPriorityWinsAgain() {
        try (SiteLab lab = fastLab()) {
            lab.splitBrain(true);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
                assertThat(lab.vrrpState(Router.B)).isEqualTo("MASTER");
            });
            lab.splitBrain(false);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
                assertThat(lab.vrrpState(Router.B)).isEqualTo("BACKUP");
            });
        }
    }

    @Test
    void setPriority_masterBelowPeer_peerBecomesMasterAndConfigSaysSo() throws Exception {
        try (SiteLab lab = fastLab()) {
            lab.setPriority(Router.A, 50);
            await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                assertThat(lab.vrrpState(Router.B)).isEqualTo("MASTER");
                assertThat(lab.vrrpState(Router.A)).isEqualTo("BACKUP");
            });
            assertThat(java.nio.file.Files.readString(lab.keepalivedConfig(Router.A)))
                    .contains("priority 50");
            assertThat(lab.priority(Router.A)).isEqualTo(50);
        }
    }
}
