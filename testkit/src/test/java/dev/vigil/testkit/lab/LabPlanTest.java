package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LabPlanTest {
    private final LabPlan plan =
            new LabPlan(SiteLab.builder().wans(3).targetsPerWan(3).config(), "vgl4194304x99-");

    @Test
    void namespace_longestPidAndCounter_staysShortAndNamesTheHost() {
        assertThat(plan.namespace(Host.ROUTER_A)).isEqualTo("vgl4194304x99-ra");
        assertThat(plan.namespace(Host.ISP3)).isEqualTo("vgl4194304x99-i3");
    }

    @Test
    void wans_three_addressesFromTheDocumentedRanges() {
        WanInfo wan1 = plan.wan("wan1");
        assertThat(wan1.routerAddress()).isEqualTo(ip("198.51.100.1"));
        assertThat(wan1.ispAddress()).isEqualTo(ip("198.51.100.2"));
        assertThat(wan1.targets()).containsExactly(ip("198.51.100.65"), ip("198.51.100.66"), ip("198.51.100.67"));
        WanInfo wan2 = plan.wan("wan2");
        assertThat(wan2.router()).isEqualTo(Router.B);
        assertThat(wan2.routerAddress()).isEqualTo(ip("203.0.113.1"));
        assertThat(wan2.targets()).first().isEqualTo(ip("203.0.113.65"));
        WanInfo wan3 = plan.wan("wan3");
        assertThat(wan3.router()).isEqualTo(Router.A);
        assertThat(wan3.routerAddress()).isEqualTo(ip("198.51.100.129"));
        assertThat(wan3.ispAddress()).isEqualTo(ip("198.51.100.130"));
        assertThat(wan3.targets()).last().isEqualTo(ip("198.51.100.195"));
        assertThat(plan.wansOf(Router.A)).extracting(WanInfo::name).containsExactly("wan1", "wan3");
    }

    @Test
    void lanAddress_routersAndAgent_documentedAddresses() {
        assertThat(plan.lanAddress(Host.ROUTER_A)).isEqualTo(ip("192.0.2.2"));
        assertThat(plan.lanAddress(Host.ROUTER_B)).isEqualTo(ip("192.0.2.3"));
        assertThat(plan.lanAddress(Host.AGENT)).isEqualTo(ip("192.0.2.10"));
        assertThat(plan.lanAddress6(Host.AGENT)).isEqualTo(ip("2001:db8:1::10"));
    }

    @Test
    void wan_unknownName_errorListsTheLabsWans() {
        assertThatThrownBy(() -> plan.wan("wan9")).hasMessage("unknown WAN 'wan9'; this lab has wan1, wan2, wan3");
    }

    @Test
    void lanAddress_ispHost_rejected() {
        assertThatThrownBy(() -> plan.lanAddress(Host.ISP1)).hasMessageContaining("has no LAN address");
    }

    private static InetAddress ip(String literal) {
        return LabPlan.ip(literal);
    }
}
