package dev.vigil.collector.state;

import java.util.Locale;

/** A site's overall condition, worst first (the order of the dashboard's list). */
public enum SiteStatusKind {
    OFFLINE,
    DOWN,
    DEGRADED,
    FAILED_OVER,
    OK,
    UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
