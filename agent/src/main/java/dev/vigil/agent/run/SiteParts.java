package dev.vigil.agent.run;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.status.MetricsRegistry;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState.RouterView;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import dev.vigil.protocol.SiteState.WanView;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/** The site's observers and actors (VRRP observer, WAN monitor, RouterOS pollers, policy) as the config asks. */
final class SiteParts {

    void start(
            AgentConfig config,
            ObservationSink sink,
            Clock clock,
            List<AutoCloseable> parts,
            List<ObservationSink> reactors,
            MetricsRegistry metrics)
            throws IOException {
        // wired once the vrrp, probe and routeros parts are in this build
    }

    List<RouterView> routers() {
        return List.of();
    }

    List<VrrpGroupView> vrrpGroups() {
        return List.of();
    }

    List<WanView> wans() {
        return List.of();
    }

    List<WanMetric> wanMetrics() {
        return List.of();
    }
}
