package dev.vigil.collector.reports;

import dev.vigil.collector.store.StateChange;
import dev.vigil.collector.store.StateChangeStore;
import dev.vigil.protocol.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Replays a site's state changes over a range (docs/reports.md): the state at the start comes from the newest change
 * of each WAN and group before it, then every change in the range moves the clock on and the time since the last one
 * is added to what was true meanwhile. Pure: no store, no clock.
 */
final class AvailabilityCalculator {
    private final Instant from;
    private final Instant to;
    private final Maintenance maintenance;
    private final Function<String, String> usualMaster;

    private final Map<String, String> wans = new TreeMap<>();
    private final Map<String, String> masters = new TreeMap<>();
    private final Map<String, long[]> wanTimes = new TreeMap<>(); // down, degraded
    private final Map<String, Integer> outages = new HashMap<>();
    private final Map<String, Long> openIncidents = new HashMap<>();
    private final Map<String, Long> pendingFailovers = new HashMap<>();
    private final List<Long> repairTimes = new ArrayList<>();
    private long downMs;
    private long backupMs;
    private int failovers;
    private int repairs;

    private AvailabilityCalculator(
            Instant from, Instant to, Maintenance maintenance, Function<String, String> usualMaster) {
        this.from = from;
        this.to = to;
        this.maintenance = maintenance;
        this.usualMaster = usualMaster;
    }

    /**
     * @param usualMaster group subject → its usual master's address, null when not known yet
     * @param everStored false when nothing was ever stored for the site: its uptime is then unknown (null)
     */
    static SiteAvailability compute(
            String site,
            ReportRange range,
            StateChangeStore.Changes changes,
            List<MaintenanceCalendar.Window> windows,
            Function<String, String> usualMaster,
            boolean everStored) {
        Maintenance m = new Maintenance(windows, range.from(), range.to());
        AvailabilityCalculator calc = new AvailabilityCalculator(range.from(), range.to(), m, usualMaster);
        changes.before().forEach(c -> calc.apply(c, false));
        long cursor = range.from().toEpochMilli();
        for (StateChange c : changes.within()) {
            long t = Math.max(cursor, c.time().toEpochMilli());
            calc.accumulate(cursor, t);
            calc.apply(c, true);
            cursor = t;
        }
        calc.accumulate(cursor, range.to().toEpochMilli());
        return calc.result(site, m, everStored);
    }

    private void accumulate(long a, long b) {
        long len = (b - a) - maintenance.overlap(a, b);
        if (len <= 0) {
            return;
        }
        boolean anyWan = false;
        boolean allDown = true;
        for (Map.Entry<String, String> w : wans.entrySet()) {
            long[] times = wanTimes.computeIfAbsent(w.getKey(), k -> new long[2]);
            anyWan = true;
            if ("down".equals(w.getValue())) {
                times[0] += len;
            } else {
                allDown = false;
                if ("degraded".equals(w.getValue())) {
                    times[1] += len;
                }
            }
        }
        boolean noMaster = masters.containsValue(null);
        if (noMaster || (anyWan && allDown)) {
            downMs += len;
        }
        boolean onBackup = masters.entrySet().stream().anyMatch(g -> {
            String usual = usualMaster.apply(g.getKey());
            return g.getValue() != null && usual != null && !usual.equals(g.getValue());
        });
        if (onBackup) {
            backupMs += len;
        }
    }

    private void apply(StateChange c, boolean counted) {
        long t = c.time().toEpochMilli();
        boolean count = counted && !maintenance.contains(t);
        String subject = c.subject();
        switch (c.type()) {
            case EventTypes.WAN_DOWN -> {
                String wan = wanName(subject);
                String previous = wans.put(wan, "down");
                wanTimes.computeIfAbsent(wan, k -> new long[2]);
                if (count && !"down".equals(previous)) {
                    outages.merge(wan, 1, Integer::sum);
                    openIncidents.put(subject, t);
                }
            }
            case EventTypes.WAN_UP, EventTypes.WAN_DEGRADED -> {
                String wan = wanName(subject);
                wans.put(wan, c.type().equals(EventTypes.WAN_UP) ? "up" : "degraded");
                wanTimes.computeIfAbsent(wan, k -> new long[2]);
                repaired(subject, t);
            }
            case EventTypes.VRRP_MASTER_ELECTED, EventTypes.VRRP_MASTER_CHANGED -> {
                masters.put(subject, c.master());
                repaired(subject, t);
                if (count && c.type().equals(EventTypes.VRRP_MASTER_CHANGED)) {
                    failovers++;
                    pendingFailovers.put(subject, t);
                }
            }
            case EventTypes.VRRP_MASTER_LOST -> {
                masters.put(subject, null);
                if (count) {
                    openIncidents.put(subject, t);
                }
            }
            case EventTypes.ACTION_EXECUTED -> {
                if (counted && !c.dryRun()) {
                    repairs += count ? 1 : 0;
                    // the agent's first real action after a failover is its repair
                    pendingFailovers.values().forEach(start -> repairTimes.add(t - start));
                    pendingFailovers.clear();
                }
            }
            default -> {
                // not a state change the report measures
            }
        }
    }

    private void repaired(String subject, long t) {
        Long start = openIncidents.remove(subject);
        if (start != null) {
            repairTimes.add(t - start);
        }
    }

    private static String wanName(String subject) {
        return subject.startsWith("wan/") ? subject.substring(4) : subject;
    }

    private SiteAvailability result(String site, Maintenance m, boolean everStored) {
        long total = to.toEpochMilli() - from.toEpochMilli();
        long maintenanceMs = m.overlap(from.toEpochMilli(), to.toEpochMilli());
        long measured = total - maintenanceMs;
        List<SiteAvailability.WanAvailability> wanList = new ArrayList<>();
        wanTimes.forEach((wan, times) -> wanList.add(new SiteAvailability.WanAvailability(
                wan, pct(measured, times[0], everStored), times[0], times[1], outages.getOrDefault(wan, 0))));
        Long mttr = repairTimes.isEmpty()
                ? null
                : Math.round(repairTimes.stream()
                        .mapToLong(Long::longValue)
                        .average()
                        .orElse(0));
        return new SiteAvailability(
                site,
                from,
                to,
                measured,
                maintenanceMs,
                pct(measured, downMs, everStored),
                downMs,
                failovers,
                backupMs,
                repairs,
                repairTimes.size(),
                mttr,
                wanList);
    }

    private static Double pct(long measured, long down, boolean everStored) {
        if (!everStored || measured <= 0) {
            return null;
        }
        return Math.round(100_000.0 * (measured - down) / measured) / 1000.0;
    }
}
