package dev.vigil.agent.vrrp.decode;

import java.time.Instant;
import java.util.List;

/**
 * One valid VRRP advertisement. A simple-auth password is never kept: {@link #auth()} only says {@code simple}.
 *
 * @param vlan innermost 802.1Q tag, null when untagged
 * @param sourceMac Ethernet source as {@code aa:bb:..}, null on link types without one
 * @param multicast whether the destination is the VRRP group (224.0.0.18 / ff02::12)
 * @param auth {@code none}, {@code simple}, {@code ah} or {@code type-N} for VRRPv2; {@code -} for VRRPv3
 * @param intervalRaw the interval as sent: seconds (v2) or centiseconds (v3)
 */
public record Advert(
        Instant time,
        Integer vlan,
        String sourceMac,
        Family family,
        String source,
        String destination,
        boolean multicast,
        int ttl,
        int version,
        int type,
        int vrid,
        int priority,
        int intervalRaw,
        String auth,
        List<String> addresses,
        ChecksumForm checksum)
        implements Decoded {

    public Advert {
        addresses = List.copyOf(addresses);
    }

    public int intervalMs() {
        return version == 2 ? intervalRaw * 1000 : intervalRaw * 10;
    }

    public String intervalText() {
        return version == 2 ? intervalRaw + "s" : intervalRaw + "cs";
    }
}
