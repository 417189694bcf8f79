package dev.vigil.agent.probe;

import dev.vigil.agent.probe.track.TrackerSettings;
import java.time.Duration;
import java.util.List;

/**
 * One WAN to probe.
 *
 * @param router the router that owns this WAN (for the failover policy, and the one that pings for method router)
 * @param targets addresses/names (icmp, tcp, router), URLs (http) or resolvers (dns)
 * @param interval time between rounds; each round probes every target once
 * @param timeout how long a probe waits for its answer
 */
public record WanConfig(
        String name,
        String router,
        ProbeSpec probe,
        List<String> targets,
        Duration interval,
        Duration timeout,
        TrackerSettings tracking) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(400);

    public WanConfig {
        targets = List.copyOf(targets);
    }
}
