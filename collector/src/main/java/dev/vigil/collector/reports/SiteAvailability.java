package dev.vigil.collector.reports;

import java.time.Instant;
import java.util.List;

/**
 * One site's availability over a range, durations in milliseconds of time outside maintenance.
 *
 * @param measuredMs the range minus maintenance: the time the percentages are of
 * @param uptimePct share of {@code measuredMs} the site was not down; null when nothing was ever stored for it
 * @param downMs time with a VRRP group without master, or with every known WAN down
 * @param failovers {@code vrrp.master_changed} events outside maintenance
 * @param backupMs time a group's master was not its usual master
 * @param repairs {@code action.executed} events of the agent (dry runs left out)
 * @param incidents the incidents that were repaired within the range (the ones {@code mttrMs} averages)
 * @param mttrMs mean time from detecting an incident to its repair; null without repaired incidents
 */
public record SiteAvailability(
        String site,
        Instant from,
        Instant to,
        long measuredMs,
        long maintenanceMs,
        Double uptimePct,
        long downMs,
        int failovers,
        long backupMs,
        int repairs,
        int incidents,
        Long mttrMs,
        List<WanAvailability> wans) {

    public SiteAvailability {
        wans = List.copyOf(wans);
    }

    /**
     * @param uptimePct share of the measured time the WAN was not down (degraded counts as up)
     * @param outages times the WAN went down outside maintenance
     */
    public record WanAvailability(String wan, Double uptimePct, long downMs, long degradedMs, int outages) {}
}
