package dev.vigil.agent.vrrp.lab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.testing.LabSniffer;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.SiteLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real keepalived routers in network namespaces, the real pcap capture in the agent's namespace. */
class LiveVrrpLabTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String master(Observation o) {
        return o.data().get("master").asText();
    }

    @Test
    void v3Ipv4AndIpv6_electionHandoverCrashPreemptionSplitBrain_allReported() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                        .vrrpVersion(3)
                        .ipv6(true)
                        .advertInterval(Duration.ofMillis(300))
                        .start();
                LabSniffer sniffer = new LabSniffer(lab)) {
            String a = lab.address(Host.ROUTER_A).getHostAddress();
            String b = lab.address(Host.ROUTER_B).getHostAddress();

            assertThat(master(sniffer.await(0, "vrrp.master_elected", "IPv4", WAIT)))
                    .isEqualTo(a);
            assertThat(sniffer.await(0, "vrrp.master_elected", "IPv6", WAIT)
                            .data()
                            .get("master")
                            .asText())
                    .startsWith("fe80:");

            int mark = sniffer.mark();
            lab.stopRouter(Router.A);
            Observation handover = sniffer.await(mark, "vrrp.master_changed", "IPv4", WAIT);
            assertThat(master(handover)).isEqualTo(b);
            assertThat(handover.data().get("cause").asText()).isEqualTo("resignation");
            assertThat(sniffer.await(mark, "vrrp.master_changed", "IPv6", WAIT)
                            .data()
                            .get("cause")
                            .asText())
                    .isEqualTo("resignation");

            mark = sniffer.mark();
            lab.startRouter(Router.A);
            Observation back = sniffer.await(mark, "vrrp.master_changed", "IPv4", WAIT);
            assertThat(master(back)).isEqualTo(a);
            assertThat(back.data().get("cause").asText()).isEqualTo("preemption");

            sniffer.await(mark, "vrrp.master_changed", "IPv6", WAIT);
            mark = sniffer.mark();
            lab.crashRouter(Router.A);
            Observation lost = sniffer.await(mark, "vrrp.master_lost", "IPv4", WAIT);
            Observation silence = sniffer.await(mark, "vrrp.master_changed", "IPv4", WAIT);
            assertThat(lost.data().get("previous").asText()).isEqualTo(a);
            assertThat(silence.data().get("cause").asText()).isEqualTo("silence");
            assertThat(master(silence)).isEqualTo(b);
            assertThat(sniffer.events().indexOf(lost))
                    .isLessThan(sniffer.events().indexOf(silence));

            mark = sniffer.mark();
            lab.startRouter(Router.A);
            assertThat(master(sniffer.await(mark, "vrrp.master_changed", "IPv4", WAIT)))
                    .isEqualTo(a);
            mark = sniffer.mark();
            lab.splitBrain(true);
            Observation split = sniffer.await(mark, "vrrp.split_brain", "IPv4", WAIT);
            assertThat(split.data().get("sources")).hasSize(2);
            lab.splitBrain(false);
            assertThat(sniffer.await(mark, "vrrp.split_brain_cleared", "IPv4", WAIT)
                            .data()
                            .get("duration_ms")
                            .asLong())
                    .isPositive();
        }
    }

    @Test
    void v2Ipv4_electionThenCrash_masterLostThenChangedBySilence() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                        .vrrpVersion(2)
                        .advertInterval(Duration.ofSeconds(1))
                        .start();
                LabSniffer sniffer = new LabSniffer(lab)) {
            String a = lab.address(Host.ROUTER_A).getHostAddress();
            assertThat(master(sniffer.await(0, "vrrp.master_elected", "IPv4", WAIT)))
                    .isEqualTo(a);
            assertThat(sniffer.events().get(0).data().get("version").asInt()).isEqualTo(2);

            int mark = sniffer.mark();
            lab.crashRouter(Router.A);
            Observation lost = sniffer.await(mark, "vrrp.master_lost", "IPv4", WAIT);
            Observation changed = sniffer.await(mark, "vrrp.master_changed", "IPv4", WAIT);
            assertThat(lost.data().get("master_down_ms").asLong()).isEqualTo(3008);
            assertThat(changed.data().get("cause").asText()).isEqualTo("silence");
            assertThat(changed.data().get("gap_ms").asLong()).isBetween(3000L, 5000L);
            // judged on the idle wire by the capture's tick, not only when the backup's first advert arrives
            assertThat(Duration.between(lost.time(), changed.time())).isGreaterThan(Duration.ofMillis(300));
        }
    }

    /** The lab has no interval option per router: edit router B's keepalived.conf before it next starts. */
    @Test
    void v3RoutersWithDifferentIntervals_configMismatchOnInterval() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                        .vrrpVersion(3)
                        .advertInterval(Duration.ofMillis(300))
                        .start();
                LabSniffer sniffer = new LabSniffer(lab)) {
            sniffer.await(0, "vrrp.master_elected", "IPv4", WAIT);
            lab.stopRouter(Router.B);
            Path conf = lab.keepalivedConfig(Router.B);
            Files.writeString(conf, Files.readString(conf, UTF_8).replace("advert_int 0.3", "advert_int 0.6"), UTF_8);
            lab.startRouter(Router.B);

            int mark = sniffer.mark();
            lab.stopRouter(Router.A);
            Observation mismatch = sniffer.await(mark, "vrrp.config_mismatch", "IPv4", WAIT);
            assertThat(mismatch.data().get("field").asText()).isEqualTo("interval");
            assertThat(mismatch.data().get("values").toString()).contains("300").contains("600");
        }
    }
}
