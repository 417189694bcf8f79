package dev.vigil.agent.run;

import dev.vigil.agent.status.MetricsRegistry;
import dev.vigil.protocol.SiteMetrics.RouterMetric;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState.RouterView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The observers' figures on /metrics: WAN state and quality, VRRP groups, RouterOS reachability and load. */
final class SiteMetricsExport {
    private SiteMetricsExport() {}

    static void register(MetricsRegistry m, SiteParts site) {
        m.gauges(
                "vigil_wan_up",
                "1 up, 0.5 degraded, 0 down, NaN unknown",
                "wan",
                () -> wan(site, w -> switch (String.valueOf(w.state())) {
                    case "up" -> 1.0;
                    case "degraded" -> 0.5;
                    case "down" -> 0.0;
                    default -> Double.NaN;
                }));
        m.gauges(
                "vigil_wan_loss_ratio",
                "Share of probes lost in the tracker's window",
                "wan",
                () -> wan(site, w -> w.lossPct() == null ? Double.NaN : w.lossPct() / 100));
        m.gauges(
                "vigil_wan_rtt_seconds",
                "Mean round-trip time in the tracker's window",
                "wan",
                () -> wan(site, w -> w.rttMs() == null ? Double.NaN : w.rttMs() / 1000));
        m.gauge(
                "vigil_vrrp_groups",
                "VRRP groups the observer hears",
                () -> site.vrrpGroups().size());
        m.gauge(
                "vigil_vrrp_groups_without_master",
                "VRRP groups with no master or two masters",
                () -> site.vrrpGroups().stream()
                        .filter(g -> !"master".equals(g.state()))
                        .count());
        m.gauges("vigil_routeros_reachable", "1 when the last poll of the router succeeded", "router", () -> {
            Map<String, Double> out = new LinkedHashMap<>();
            for (RouterView r : site.routers()) {
                out.put(r.name(), r.reachable() ? 1.0 : 0.0);
            }
            return out;
        });
        m.gauges("vigil_routeros_cpu_ratio", "Router CPU load from /system/resource", "router", () -> {
            Map<String, Double> out = new LinkedHashMap<>();
            for (RouterMetric r : site.routerMetrics()) {
                out.put(r.name(), r.cpuPct() == null ? Double.NaN : r.cpuPct() / 100);
            }
            return out;
        });
    }

    private static Map<String, Double> wan(SiteParts site, Function<WanMetric, Double> value) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (WanMetric w : site.wanMetrics()) {
            out.put(w.name(), value.apply(w));
        }
        return out;
    }
}
