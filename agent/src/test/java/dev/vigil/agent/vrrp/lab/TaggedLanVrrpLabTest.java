package dev.vigil.agent.vrrp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.testing.LabSniffer;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.SiteLab;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Real keepalived on a LAN that reaches the agent as 802.1Q VLAN 100 (the lab's trunk port): the capture on the
 * agent's lan0 judges the tagged adverts like untagged ones, keyed by the VLAN.
 */
class TaggedLanVrrpLabTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void lanVlan100_electionHandoverAndPreemption_reportedForVlan100() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                        .vrrpVersion(3)
                        .ipv6(true)
                        .lanVlan(100)
                        .wans(1)
                        .advertInterval(Duration.ofMillis(300))
                        .start();
                LabSniffer sniffer = new LabSniffer(lab)) {
            String a = lab.address(Host.ROUTER_A).getHostAddress();
            String b = lab.address(Host.ROUTER_B).getHostAddress();

            Observation elected = sniffer.await(0, "vrrp.master_elected", "IPv4", WAIT);
            assertThat(elected.subject()).isEqualTo("vrrp/lan0.100/IPv4/10");
            assertThat(elected.data().get("vlan").asInt()).isEqualTo(100);
            assertThat(elected.data().get("master").asText()).isEqualTo(a);
            Observation elected6 = sniffer.await(0, "vrrp.master_elected", "IPv6", WAIT);
            assertThat(elected6.subject()).isEqualTo("vrrp/lan0.100/IPv6/20");

            int mark = sniffer.mark();
            lab.stopRouter(Router.A);
            Observation handover = sniffer.await(mark, "vrrp.master_changed", "IPv4", WAIT);
            assertThat(handover.data().get("master").asText()).isEqualTo(b);
            assertThat(handover.data().get("cause").asText()).isEqualTo("resignation");
            assertThat(handover.data().get("vlan").asInt()).isEqualTo(100);

            mark = sniffer.mark();
            lab.startRouter(Router.A);
            Observation back = sniffer.await(mark, "vrrp.master_changed", "IPv4", WAIT);
            assertThat(back.data().get("master").asText()).isEqualTo(a);
            assertThat(back.data().get("cause").asText()).isEqualTo("preemption");

            assertThat(sniffer.events())
                    .as("every advert judged, none rejected, none seen untagged")
                    .noneMatch(o -> o.type().equals("vrrp.invalid"))
                    .allMatch(o -> o.subject().startsWith("vrrp/lan0.100/"));
        }
    }
}
