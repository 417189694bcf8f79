package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabConfigTest {
    @Test
    void builder_defaults_areVrrpV3Vrid10OneSecondTwoWans() {
        LabConfig c = SiteLab.builder().config();
        assertThat(c.vrrpVersion()).isEqualTo(3);
        assertThat(c.ipv6()).isFalse();
        assertThat(c.vrid()).isEqualTo(10);
        assertThat(c.vrid6()).isEqualTo(20);
        assertThat(c.advertInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.priority(Router.A)).isEqualTo(150);
        assertThat(c.priority(Router.B)).isEqualTo(100);
        assertThat(c.wans()).isEqualTo(2);
        assertThat(c.targetsPerWan()).isEqualTo(3);
    }

    @Test
    void builder_severalBadSettings_allReportedInOneMessage() {
        assertThatThrownBy(() -> SiteLab.builder()
                        .vrrpVersion(2)
                        .advertInterval(Duration.ofMillis(500))
                        .vrid(0)
                        .wans(4)
                        .priority(Router.B, 255)
                        .config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vrid 0: must be 1..255")
                .hasMessageContaining("wans 4: must be 1..3")
                .hasMessageContaining("priority of router B 255: must be 1..254")
                .hasMessageContaining("VRRPv2 takes whole seconds");
    }

    @Test
    void builder_v3IntervalNotInCentiseconds_rejected() {
        assertThatThrownBy(() ->
                        SiteLab.builder().advertInterval(Duration.ofMillis(305)).config())
                .hasMessageContaining("VRRPv3 takes centiseconds");
    }

    @Test
    void advertInt_v3FractionAndV2WholeSeconds_renderedForKeepalived() {
        LabConfig v3 = SiteLab.builder().advertInterval(Duration.ofMillis(250)).config();
        LabConfig v2 = SiteLab.builder()
                .vrrpVersion(2)
                .advertInterval(Duration.ofSeconds(2))
                .config();
        assertThat(KeepalivedConfig.advertInt(v3, 3)).isEqualTo("0.25");
        assertThat(KeepalivedConfig.advertInt(v2, 2)).isEqualTo("2");
    }

    @Test
    void notRootMessage_missingPackages_oneMessageNamesRootAndTheInstallCommand() {
        assertThat(LabPrerequisites.notRootMessage(java.util.List.of("keepalived", "nftables")))
                .startsWith("the site lab needs root")
                .contains("sudo mvn verify")
                .endsWith("also missing: apt-get install keepalived nftables");
        assertThat(LabPrerequisites.notRootMessage(java.util.List.of())).doesNotContain("missing");
    }

    @Test
    void builder_lanVlanOutOfRangeOrWithInternet_refusedNamingWhy() {
        assertThatThrownBy(() -> SiteLab.builder().lanVlan(4095).config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lanVlan 4095: must be 1..4094");
        assertThatThrownBy(() -> SiteLab.builder().lanVlan(100).internet(true).config())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lanVlan with internet: the agent only listens on the tagged LAN");
    }
}
