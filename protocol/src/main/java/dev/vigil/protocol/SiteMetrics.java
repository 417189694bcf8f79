package dev.vigil.protocol;

import java.time.Instant;
import java.util.List;

/** Periodic figures of a site, on {@code vigil/v1/sites/{site}/metrics} at QoS 0. */
public record SiteMetrics(int v, String site, Instant time, List<WanMetric> wans, List<RouterMetric> routers) {

    public SiteMetrics {
        wans = wans == null ? List.of() : List.copyOf(wans);
        routers = routers == null ? List.of() : List.copyOf(routers);
    }

    public record WanMetric(
            String name, String state, Double lossPct, Double rttMs, Double rttP95Ms, Double jitterMs) {}

    public record RouterMetric(String name, Double cpuPct, Double memUsedPct, Long uptimeS) {}
}
