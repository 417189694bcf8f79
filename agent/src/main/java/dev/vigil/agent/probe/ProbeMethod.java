package dev.vigil.agent.probe;

import java.util.Locale;

/** How a target is probed; {@link #wireName()} is the word in the config and in events. */
public enum ProbeMethod {
    ICMP,
    TCP,
    HTTP,
    DNS,
    /** The router that owns the WAN pings for us over its API ({@link RouterPinger}). */
    ROUTER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProbeMethod fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
