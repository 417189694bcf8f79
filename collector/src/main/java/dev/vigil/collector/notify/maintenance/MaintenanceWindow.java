package dev.vigil.collector.notify.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A span during which alerts are recorded and shown but not sent: a maintenance window (one-off from/to or weekly)
 * or a snooze (one-off, of a site or of one alert). Scope: {@code all}, or any of {@code sites}, any site carrying one
 * of {@code tags}, or the one alert {@code alertId}.
 *
 * @param kind {@code maintenance} or {@code snooze}
 * @param weekly null for a one-off window, which then has {@code from} and {@code to}
 */
public record MaintenanceWindow(
        String id,
        String kind,
        boolean all,
        List<String> sites,
        List<String> tags,
        String alertId,
        Instant from,
        Instant to,
        WeeklySlot weekly,
        String reason,
        String createdBy) {

    public static final String MAINTENANCE = "maintenance";
    public static final String SNOOZE = "snooze";

    public MaintenanceWindow {
        sites = List.copyOf(sites);
        tags = List.copyOf(tags);
    }

    public boolean appliesTo(String site, List<String> siteTags, String alert) {
        return all
                || sites.contains(site)
                || tags.stream().anyMatch(siteTags::contains)
                || (alertId != null && alertId.equals(alert));
    }

    /** Whether it covers the whole site (not only one alert). */
    public boolean coversSite(String site, List<String> siteTags) {
        return all || sites.contains(site) || tags.stream().anyMatch(siteTags::contains);
    }

    public boolean activeAt(Instant t) {
        return !occurrences(t, t.plusMillis(1)).isEmpty();
    }

    /** The spans of this window overlapping {@code [rangeFrom, rangeTo)}, as {@code [start, end)} pairs. */
    public List<Instant[]> occurrences(Instant rangeFrom, Instant rangeTo) {
        if (weekly != null) {
            return weekly.occurrences(rangeFrom, rangeTo);
        }
        List<Instant[]> out = new ArrayList<>();
        if (from.isBefore(rangeTo) && to.isAfter(rangeFrom)) {
            out.add(new Instant[] {from, to});
        }
        return out;
    }

    public String describe() {
        return (SNOOZE.equals(kind) ? "snooze " : "maintenance ") + id + (reason == null ? "" : " (" + reason + ")");
    }
}
