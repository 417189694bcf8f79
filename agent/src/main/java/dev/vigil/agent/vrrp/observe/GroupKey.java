package dev.vigil.agent.vrrp.observe;

import dev.vigil.agent.vrrp.decode.Family;

/** What identifies one VRRP group on the wire as seen by one sniffer. */
public record GroupKey(String iface, Integer vlan, Family family, int vrid) {
    /** {@code vrrp/eth0/IPv4/10}, {@code vrrp/eth0.100/IPv4/10} when tagged (docs/events.md). */
    public String subject() {
        return "vrrp/" + iface + (vlan == null ? "" : "." + vlan) + "/" + family + "/" + vrid;
    }
}
