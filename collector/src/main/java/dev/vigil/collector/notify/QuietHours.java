package dev.vigil.collector.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A daily span in a time zone during which a channel gets nothing, unless the alert is critical and {@code
 * criticalOverrides} is set. {@code from} after {@code to} spans midnight (22:00–07:00).
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone, boolean criticalOverrides) {

    public boolean covers(Instant at) {
        LocalTime t = at.atZone(zone).toLocalTime();
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }
}
