package dev.vigil.agent.vrrp.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.VrrpConfig;
import dev.vigil.agent.vrrp.VrrpMonitor;
import dev.vigil.agent.vrrp.capture.CaptureException;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The facade the agent wires, on the lab LAN: observations to the sink, the group view for the state payload. */
class VrrpMonitorLabTest {
    @Test
    void live_labLan_reportsElectionAndGroupView() throws Exception {
        List<Observation> events = new CopyOnWriteArrayList<>();
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(3)
                .advertInterval(Duration.ofMillis(300))
                .start()) {
            VrrpMonitor monitor = lab.runIn(
                    Host.AGENT,
                    () -> VrrpMonitor.live(
                            VrrpConfig.of(lab.lanInterface(Host.AGENT)), events::add, Clock.systemUTC()));
            try (monitor) {
                String a = lab.address(Host.ROUTER_A).getHostAddress();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> !monitor.groups().isEmpty());
                VrrpGroupView group = monitor.groups().get(0);

                assertThat(group.state()).isEqualTo("master");
                assertThat(group.master()).isEqualTo(a);
                assertThat(group.version()).isEqualTo(3);
                assertThat(group.intervalMs()).isEqualTo(300);
                assertThat(group.iface()).isEqualTo("lan0");
                assertThat(events).extracting(Observation::type).contains("vrrp.master_elected");
            }
        }
    }

    @Test
    void live_missingInterface_failsAtStartWithFix() {
        assertThatThrownBy(() -> VrrpMonitor.live(VrrpConfig.of("nosuch0"), o -> {}, Clock.systemUTC()))
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("interface nosuch0 does not exist");
    }
}
