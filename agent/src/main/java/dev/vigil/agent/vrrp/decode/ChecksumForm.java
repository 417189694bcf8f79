package dev.vigil.agent.vrrp.decode;

import java.util.Locale;

/**
 * Which checksum computation validated an advert: the VRRP message alone (VRRPv2, RFC 9568 v3/IPv4), the message
 * with the IP pseudo-header and the real destination (RFC 5798 reading, RouterOS, keepalived, FRR), or the
 * pseudo-header with the VRRP group address although the packet went elsewhere (old keepalived unicast, FRR).
 */
public enum ChecksumForm {
    MSG,
    PSEUDO,
    PSEUDO_GROUP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
