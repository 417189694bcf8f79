package dev.vigil.agent.probe;

import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Probes every WAN and health check of a {@link ProbeConfig} and reports their state changes as observations
 * ({@code wan.down}, {@code wan.degraded}, {@code wan.up}, {@code check.failed}, {@code check.recovered}). Started by
 * {@code probe.live.LiveWanMonitor.start}.
 */
public interface WanMonitor extends AutoCloseable {

    List<SiteState.WanView> wans();

    List<SiteMetrics.WanMetric> metrics();

    /** {@code up}, {@code degraded}, {@code down} or {@code unknown}; empty for a WAN not in the config. */
    Optional<String> state(String wan);

    /** Every WAN, then every check, with figures and the last answer of each target. */
    List<WanStatus> status();

    /** Probes every WAN and check once now, beside the schedule; completes when every such round is judged. */
    CompletableFuture<Void> probeNow();

    @Override
    void close();
}
