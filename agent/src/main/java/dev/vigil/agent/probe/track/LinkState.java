package dev.vigil.agent.probe.track;

import java.util.Locale;

/** What a tracker concludes about a link; {@link #wireName()} is the word used in events and the state payload. */
public enum LinkState {
    UNKNOWN,
    UP,
    DEGRADED,
    DOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
