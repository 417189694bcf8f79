package dev.vigil.agent.vrrp.decode;

import java.time.Instant;

/** A CARP advertisement (OpenBSD, pfSense): same IP protocol and group as VRRP, told apart by its layout. */
public record CarpAdvert(Instant time, Integer vlan, Family family, String source, int vhid, int advskew, int advbase)
        implements Decoded {}
