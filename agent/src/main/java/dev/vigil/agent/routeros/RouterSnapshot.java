package dev.vigil.agent.routeros;

import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One poll of a router. When {@code reachable} is false only {@code error} is set.
 *
 * @param routes default routes (0.0.0.0/0 and ::/0), active or not
 */
public record RouterSnapshot(
        String router,
        String address,
        Instant at,
        boolean reachable,
        String error,
        String version,
        Double cpuPct,
        Double memUsedPct,
        Duration uptime,
        List<VrrpInstance> vrrp,
        List<DefaultRoute> routes) {

    /** A default route as {@code /ip/route} shows it. */
    public record DefaultRoute(String id, String dstAddress, String gateway, boolean active, boolean disabled) {}

    public RouterSnapshot {
        vrrp = vrrp == null ? List.of() : List.copyOf(vrrp);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    static RouterSnapshot unreachable(String router, String address, Instant at, String error) {
        return new RouterSnapshot(router, address, at, false, error, null, null, null, null, List.of(), List.of());
    }

    public Optional<VrrpInstance> vrrp(String name) {
        return vrrp.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The router for the site state: role from its first VRRP instance. */
    public SiteState.RouterView view() {
        Optional<VrrpInstance> first = vrrp.stream().findFirst();
        String role = first.map(v -> v.isMaster() ? "master" : v.state().equals("backup") ? "backup" : "unknown")
                .orElse("unknown");
        return new SiteState.RouterView(
                router,
                address,
                reachable,
                reachable ? role : "unknown",
                first.map(VrrpInstance::priority).orElse(null),
                version,
                cpuPct,
                memUsedPct);
    }

    public SiteMetrics.RouterMetric metric() {
        return new SiteMetrics.RouterMetric(router, cpuPct, memUsedPct, uptime == null ? null : uptime.toSeconds());
    }
}
