package dev.vigil.collector.app;

import dev.vigil.collector.reports.MaintenanceCalendar;
import java.time.Instant;
import java.util.List;

/**
 * The maintenance windows of the notification policy as availability reports read them: the windows (not snoozes)
 * that cover a site, by name, tag or all sites.
 */
final class PlannedMaintenance implements MaintenanceCalendar {
    private final dev.vigil.collector.notify.maintenance.MaintenanceCalendar windows;

    PlannedMaintenance(dev.vigil.collector.notify.maintenance.MaintenanceCalendar windows) {
        this.windows = windows;
    }

    @Override
    public List<Window> windows(String site, Instant from, Instant to) {
        return windows.windows(site, from, to).stream()
                .filter(s -> s.to().isAfter(s.from()))
                .map(s -> new Window(s.from(), s.to()))
                .toList();
    }
}
