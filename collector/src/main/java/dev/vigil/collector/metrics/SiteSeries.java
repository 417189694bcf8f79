package dev.vigil.collector.metrics;

import dev.vigil.collector.state.SiteStatusKind;
import dev.vigil.collector.state.SiteView;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The per-site families of {@code /metrics}, from the live site projection (docs/metrics.md). */
final class SiteSeries {
    private SiteSeries() {}

    static void write(Exposition out, List<SiteView> sites, Map<VrrpTransitions.Group, Long> transitions) {
        List<SiteView> sorted = new ArrayList<>(sites);
        sorted.sort(java.util.Comparator.comparing(SiteView::site));
        out.family("vigil_sites", "gauge", "Sites the collector knows").sample("vigil_sites", sorted.size());
        status(out, sorted);
        vrrp(out, sorted, transitions);
        wans(out, sorted);
        alerts(out, sorted);
    }

    private static void status(Exposition out, List<SiteView> sites) {
        out.family(
                "vigil_site_status",
                "gauge",
                "1 for the site's current status (ok, failed_over, degraded, down, offline, unknown), 0 for the others");
        for (SiteView v : sites) {
            SiteStatusKind now = v.statusKind();
            for (SiteStatusKind k : SiteStatusKind.values()) {
                out.sample("vigil_site_status", k == now ? 1 : 0, "site", v.site(), "status", k.wireName());
            }
        }
        out.family("vigil_site_up", "gauge", "1 while the site's agent is connected and not silent, 0 otherwise");
        for (SiteView v : sites) {
            out.sample("vigil_site_up", Boolean.TRUE.equals(v.online()) && !v.silent() ? 1 : 0, "site", v.site());
        }
        out.family(
                "vigil_site_last_seen_timestamp_seconds",
                "gauge",
                "Unix time the collector last heard from the site's agent");
        for (SiteView v : sites) {
            if (v.lastSeen() != null) {
                out.sample("vigil_site_last_seen_timestamp_seconds", seconds(v.lastSeen()), "site", v.site());
            }
        }
    }

    private static void vrrp(Exposition out, List<SiteView> sites, Map<VrrpTransitions.Group, Long> transitions) {
        List<String[]> states = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (SiteView v : sites) {
            SiteState s = v.state();
            if (s == null) {
                continue;
            }
            for (SiteState.VrrpGroupView g : s.vrrp()) {
                GroupLabels gl = GroupLabels.of(g);
                if (s.routers().isEmpty()) {
                    String router = g.master() == null ? "unknown" : g.master();
                    states.add(gl.with("site", v.site(), "router", router));
                    values.add(new double[] {VrrpNumbering.ofGroupOnly(g)});
                } else {
                    for (SiteState.RouterView r : s.routers()) {
                        states.add(gl.with("site", v.site(), "router", r.name()));
                        values.add(new double[] {VrrpNumbering.of(g, r)});
                    }
                }
            }
        }
        out.family(
                "vigil_vrrp_state",
                "gauge",
                "VRRP state of a router in a group, keepalived-exporter numbering: 0 init, 1 backup, 2 master, 3 fault");
        for (int i = 0; i < states.size(); i++) {
            out.sample("vigil_vrrp_state", values.get(i)[0], states.get(i));
        }
        out.family("vigil_vrrp_is_master", "gauge", "1 while the router is the group's master, 0 otherwise");
        for (int i = 0; i < states.size(); i++) {
            out.sample("vigil_vrrp_is_master", values.get(i)[0] == VrrpNumbering.MASTER ? 1 : 0, states.get(i));
        }
        out.family(
                "vigil_vrrp_transitions_total",
                "counter",
                "VRRP master transitions of the group (master elected, changed or lost) since the collector started");
        transitions.forEach((g, n) -> {
            GroupLabels gl = GroupLabels.ofSubject(g.subject());
            if (gl != null) {
                out.sample("vigil_vrrp_transitions_total", n, gl.with("site", g.site()));
            }
        });
        out.family(
                "vigil_vrrp_last_transition_timestamp_seconds",
                "gauge",
                "Unix time the group entered its current state, as the site's agent reports it");
        for (SiteView v : sites) {
            if (v.state() == null) {
                continue;
            }
            for (SiteState.VrrpGroupView g : v.state().vrrp()) {
                if (g.since() != null) {
                    out.sample(
                            "vigil_vrrp_last_transition_timestamp_seconds",
                            seconds(g.since()),
                            GroupLabels.of(g).with("site", v.site()));
                }
            }
        }
    }

    private static void wans(Exposition out, List<SiteView> sites) {
        Map<String, Map<String, WanFigures>> bySite = new TreeMap<>();
        for (SiteView v : sites) {
            bySite.put(v.site(), WanFigures.of(v));
        }
        out.family("vigil_wan_up", "gauge", "1 up, 0.5 degraded, 0 down (absent while unknown)");
        bySite.forEach((site, wans) -> wans.forEach((wan, f) -> {
            if (f.up() != null) {
                out.sample("vigil_wan_up", f.up(), "site", site, "wan", wan);
            }
        }));
        out.family("vigil_wan_rtt_seconds", "gauge", "Mean round-trip time of the WAN's probes in the agent's window");
        bySite.forEach((site, wans) -> wans.forEach((wan, f) -> {
            if (f.rttMs() != null) {
                out.sample("vigil_wan_rtt_seconds", f.rttMs() / 1000.0, "site", site, "wan", wan);
            }
        }));
        out.family("vigil_wan_loss_ratio", "gauge", "Share of the WAN's probes lost in the agent's window, 0 to 1");
        bySite.forEach((site, wans) -> wans.forEach((wan, f) -> {
            if (f.lossPct() != null) {
                out.sample("vigil_wan_loss_ratio", f.lossPct() / 100.0, "site", site, "wan", wan);
            }
        }));
    }

    private static void alerts(Exposition out, List<SiteView> sites) {
        out.family("vigil_alerts_open", "gauge", "Alerts not resolved yet (open or acknowledged), by severity");
        for (SiteView v : sites) {
            for (Severity s : Severity.values()) {
                long n = v.alerts().stream()
                        .filter(a -> !a.resolved() && a.severity() == s)
                        .count();
                out.sample("vigil_alerts_open", n, "site", v.site(), "severity", s.wireName());
            }
        }
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    /**
     * A WAN's figures: up/down from the agent's state (events update it at once), RTT and loss from the latest
     * periodic metrics (fresher), each falling back on the other.
     */
    record WanFigures(Double up, Double rttMs, Double lossPct) {
        static Map<String, WanFigures> of(SiteView v) {
            Map<String, WanFigures> out = new TreeMap<>();
            for (WanMetric m : v.latestWans().values()) {
                out.put(m.name(), new WanFigures(up(m.state()), m.rttMs(), m.lossPct()));
            }
            if (v.state() != null) {
                for (SiteState.WanView w : v.state().wans()) {
                    WanFigures metric = out.get(w.name());
                    out.put(
                            w.name(),
                            new WanFigures(
                                    up(w.state()),
                                    metric != null && metric.rttMs() != null ? metric.rttMs() : w.rttMs(),
                                    metric != null && metric.lossPct() != null ? metric.lossPct() : w.lossPct()));
                }
            }
            return out;
        }

        private static Double up(String state) {
            if (state == null) {
                return null;
            }
            return switch (state) {
                case "up" -> 1.0;
                case "degraded" -> 0.5;
                case "down" -> 0.0;
                default -> null;
            };
        }
    }
}
