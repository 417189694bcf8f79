package dev.vigil.agent.vrrp.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.VrrpPipeline;
import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The observer over the real captures, time taken from the packets. */
class FixtureReplayTest {
    private final List<Observation> events = new ArrayList<>();

    private List<String> replay(String capture) {
        VrrpObserver observer = new VrrpObserver(ObserverSettings.DEFAULTS, events::add);
        try (PacketSource source = PacketSource.file(Fixtures.capture(capture))) {
            source.run(new VrrpPipeline("lan0", observer, null));
        }
        return events.stream()
                .map(e -> e.type() + " " + e.subject() + " " + text(e, "master") + " " + text(e, "cause"))
                .toList();
    }

    private static String text(Observation e, String key) {
        return e.data().has(key) ? e.data().get(key).asText() : "-";
    }

    @Test
    void replay_keepalivedCapture_electsR2ThenR1PreemptsThenR1Resigns() {
        List<String> lines = replay("generated_keepalived-2.2.7_multicast_v2-v3_ipv4-ipv6.pcap");

        assertThat(lines)
                .containsExactly(
                        "vrrp.master_elected vrrp/lan0/IPv4/20 192.0.2.12 -",
                        "vrrp.master_elected vrrp/lan0/IPv4/10 192.0.2.12 -",
                        "vrrp.master_elected vrrp/lan0/IPv6/30 fe80::ce4:a6ff:fea4:df1c -",
                        "vrrp.master_elected vrrp/lan0/IPv4/11 192.0.2.12 -",
                        "vrrp.master_changed vrrp/lan0/IPv4/20 192.0.2.11 preemption",
                        "vrrp.master_changed vrrp/lan0/IPv4/11 192.0.2.11 preemption",
                        "vrrp.master_changed vrrp/lan0/IPv6/30 fe80::3843:78ff:fe54:ca41 preemption",
                        "vrrp.master_changed vrrp/lan0/IPv4/10 192.0.2.11 preemption",
                        "vrrp.master_changed vrrp/lan0/IPv4/20 192.0.2.12 resignation",
                        "vrrp.master_changed vrrp/lan0/IPv4/10 192.0.2.12 resignation",
                        "vrrp.master_changed vrrp/lan0/IPv4/11 192.0.2.12 resignation",
                        "vrrp.master_changed vrrp/lan0/IPv6/30 fe80::ce4:a6ff:fea4:df1c resignation");
    }

    @Test
    void replay_frrCapture_r3PreemptsR4ThenResigns() {
        List<String> lines = replay("generated_frr-8.4.4_vrrpd_v2-v3_ipv4-ipv6.pcap");

        assertThat(lines)
                .filteredOn(l -> l.contains("preemption"))
                .hasSize(3)
                .allMatch(l -> l.contains("192.0.2.13") || l.contains("fe80::5440:51b3:7ecd:aa30"));
        assertThat(lines).filteredOn(l -> l.contains("resignation")).hasSize(3);
        assertThat(lines).noneMatch(l -> l.startsWith("vrrp.split_brain") || l.startsWith("vrrp.config_mismatch"));
    }

    @Test
    void replay_routerOsCapture_eachNewcomerPreempts() {
        List<String> lines = replay("tcpdump_vrrp_routeros-6.10.pcap");

        // 5 VRIDs, 7 routers powered on one after another, each with a higher priority: 6 preemptions per VRID
        assertThat(lines).filteredOn(l -> l.startsWith("vrrp.master_elected")).hasSize(5);
        assertThat(lines).filteredOn(l -> l.contains("preemption")).hasSize(30);
        List<String> routers = Fixtures.ipv4Sources("tcpdump_vrrp_routeros-6.10.pcap");
        assertThat(routers).hasSize(7);
        String last = routers.get(6);
        assertThat(lines).filteredOn(l -> l.contains(last + " preemption")).hasSize(3);
    }
}
