package dev.vigil.agent.probe;

import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.probe.live.LiveWanMonitor;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes every WAN and health check of a {@link ProbeConfig} and reports their state changes as observations
 * ({@code wan.down}, {@code wan.degraded}, {@code wan.up}, {@code check.failed}, {@code check.recovered}).
 */
public interface WanMonitor extends AutoCloseable {

    /** Starts probing on daemon threads of its own. {@code routerPinger} may be null when no WAN uses method router. */
    static WanMonitor start(ProbeConfig config, ObservationSink sink, Clock clock, RouterPinger routerPinger) {
        AtomicInteger n = new AtomicInteger();
        return start(config, sink, clock, routerPinger, task -> {
            Thread t = new Thread(task, "vigil-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts probing on threads of {@code threads}; sockets are opened on those threads, so a factory whose threads
     * enter a network namespace probes from inside it.
     */
    static WanMonitor start(
            ProbeConfig config, ObservationSink sink, Clock clock, RouterPinger routerPinger, ThreadFactory threads) {
        return LiveWanMonitor.start(config, sink, clock, routerPinger, threads);
    }

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
