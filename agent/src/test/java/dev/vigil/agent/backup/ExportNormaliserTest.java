package dev.vigil.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Realistic v6 and v7 exports (shapes as RouterOS writes them; addresses from documentation ranges). */
class ExportNormaliserTest {
    private static final String V6 = """
            # jan/02/1970 00:11:36 by RouterOS 6.49.10
            # software id = 7QXK-2JNH
            #
            # model = RouterBOARD 3011UiAS
            # serial number = 8A1B0A2C3D4E
            /interface bridge
            add admin-mac=CC:2D:E0:00:00:01 auto-mac=no comment=defconf name=bridge
            /interface vrrp
            # received packet from 192.0.2.3 bad format
            add interface=bridge name=vrrp1 priority=110
            /interface wireless security-profiles
            set [ find default=yes ] supplicant-identity=MikroTik
            /ip pool
            add name=dhcp ranges=192.0.2.10-192.0.2.254
            /ip dhcp-server
            add address-pool=dhcp disabled=no interface=bridge name=defconf
            /ip address
            add address=192.0.2.1/24 comment=defconf interface=bridge network=\\
                192.0.2.0
            /ip firewall nat
            add action=masquerade chain=srcnat comment="defconf: masquerade" \\
                ipsec-policy=out,none out-interface-list=WAN
            /ip route
            add distance=1 gateway=203.0.113.1
            /system script
            add dont-require-permissions=no name=notify owner=admin policy=\\
                ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":\\
                log info \\"failover\\"\\r\\
                \\n/tool e-mail send to=noc@example.org subject=\\"failover\\""
            """;

    private static final String V6_NORMALISED = """
            # RouterOS 6.49.10
            # software id = 7QXK-2JNH
            #
            # model = RouterBOARD 3011UiAS
            # serial number = 8A1B0A2C3D4E
            /interface bridge
            add admin-mac=CC:2D:E0:00:00:01 auto-mac=no comment=defconf name=bridge
            /interface vrrp
            add interface=bridge name=vrrp1 priority=110
            /interface wireless security-profiles
            set [ find default=yes ] supplicant-identity=MikroTik
            /ip pool
            add name=dhcp ranges=192.0.2.10-192.0.2.254
            /ip dhcp-server
            add address-pool=dhcp disabled=no interface=bridge name=defconf
            /ip address
            add address=192.0.2.1/24 comment=defconf interface=bridge network=192.0.2.0
            /ip firewall nat
            add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN
            /ip route
            add distance=1 gateway=203.0.113.1
            /system script
            add dont-require-permissions=no name=notify owner=admin policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":log info \\"failover\\"\\r\\n/tool e-mail send to=noc@example.org subject=\\"failover\\""
            """;

    private static final String V7 = """
            # 2026-12-07 17:05:49 by RouterOS 7.18.2
            # software id = 7QXK-2JNH
            #
            # model = RB5009UG+S+
            # serial number = HF309VKD8QR
            /interface bridge
            add name=bridge-lan
            /interface ethernet
            set [ find default-name=ether8 ] poe-out=off
            # poe-out status: short_circuit
            /interface lte
            # lte1 not ready
            set [ find default-name=lte1 ] allow-roaming=no
            /interface vrrp
            add interface=bridge-lan name=vrrp1 priority=110 vrid=1
            /ip address
            add address=192.0.2.2/24 interface=bridge-lan network=192.0.2.0
            /ip firewall nat
            add action=masquerade chain=srcnat comment=vigil:nat out-interface=ether1
            /ip route
            add disabled=no distance=1 dst-address=0.0.0.0/0 gateway=203.0.113.1 \\
                routing-table=main scope=30 suppress-hw-offload=no target-scope=10
            /system routerboard settings
            # Firmware upgraded successfully, please reboot for changes to take effect!
            set auto-upgrade=yes
            """;

    @Test
    void v6_joinsContinuationsDropsTheDateAndTheVrrpNotice() {
        assertThat(ExportNormaliser.normalise(V6)).isEqualTo(V6_NORMALISED);
    }

    @Test
    void v7_dropsVolatileNoticesKeepsVersionAndIdentity() {
        String normalised = ExportNormaliser.normalise(V7);

        assertThat(normalised)
                .startsWith("# RouterOS 7.18.2\n# software id = 7QXK-2JNH\n")
                .contains("add disabled=no distance=1 dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=main"
                        + " scope=30 suppress-hw-offload=no target-scope=10\n")
                .doesNotContain("poe-out status", "not ready", "Firmware upgraded", "2026-12-07")
                .contains("set [ find default-name=lte1 ] allow-roaming=no\n");
        assertThat(normalised.lines()).hasSize((int) V7.lines().count() - 3 - 1);
    }

    @Test
    void sameConfigLaterWithCrLf_identical() {
        String later = V7.replace("2026-12-07 17:05:49", "2026-12-08 03:00:01").replace("\n", "\r\n");

        assertThat(ExportNormaliser.normalise(later)).isEqualTo(ExportNormaliser.normalise(V7));
    }

    @Test
    void v6HeaderDatesOfOtherMonths_dropped() {
        assertThat(ExportNormaliser.normalise("# dec/31/2026 23:59:59 by RouterOS 6.48.6 (long-term)\n/ip route\n"))
                .isEqualTo("# RouterOS 6.48.6 (long-term)\n/ip route\n");
    }

    @Test
    void continuation_oddTrailingBackslashesOnly() {
        assertThat(ExportNormaliser.continues("source=\"a \\")).isTrue();
        assertThat(ExportNormaliser.continues("source=\"C:\\\\")).isFalse();
        assertThat(ExportNormaliser.continues("source=\"C:\\\\\\")).isTrue();
        assertThat(ExportNormaliser.normalise("add source=\"C:\\\\\\\n    x\"\n"))
                .isEqualTo("add source=\"C:\\\\x\"\n");
    }

    @Test
    void trailingBlanksAnsiAndEmptyLinesAtTheEnd_removed() {
        assertThat(ExportNormaliser.normalise("\u001B[m/ip route  \r\nadd gateway=203.0.113.1 \r\n\r\n\r\n"))
                .isEqualTo("/ip route\nadd gateway=203.0.113.1\n");
        assertThat(ExportNormaliser.normalise("\n\n")).isEmpty();
    }

    @Test
    void aCommentThatLooksVolatileButIsNot_kept() {
        assertThat(ExportNormaliser.normalise("/ip firewall nat\n# note: ether1 not ready for ipv6 yet\n"))
                .contains("# note: ether1 not ready for ipv6 yet");
    }
}
