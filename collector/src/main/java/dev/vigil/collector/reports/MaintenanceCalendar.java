package dev.vigil.collector.reports;

import java.time.Instant;
import java.util.List;

/**
 * Planned maintenance that availability reports leave out: time inside a window counts neither as up nor as down,
 * and failovers and outages that start inside one are not counted. The alerting side owns the real calendar; until
 * it is wired in, {@link #NONE} has no windows.
 */
public interface MaintenanceCalendar {
    /** A window of planned maintenance, {@code start} inclusive, {@code end} exclusive. */
    record Window(Instant start, Instant end) {
        public Window {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a maintenance window must end after it starts");
            }
        }
    }

    /** The windows of the site that overlap {@code [from, to)}, in any order, possibly overlapping each other. */
    List<Window> windows(String site, Instant from, Instant to);

    MaintenanceCalendar NONE = (site, from, to) -> List.of();
}
