package dev.vigil.collector.notify.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * The maintenance of a site in a time range, for reports that exclude planned work. Snoozes are not maintenance and
 * are not listed. Overlapping windows are returned as they are (a report merges them).
 */
public interface MaintenanceCalendar {
    /** One span of planned work. */
    record Span(String windowId, Instant from, Instant to, String reason) {}

    List<Span> windows(String site, Instant from, Instant to);
}
