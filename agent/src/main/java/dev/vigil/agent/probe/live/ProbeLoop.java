package dev.vigil.agent.probe.live;

import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.WanProbe;
import dev.vigil.agent.probe.track.TargetResult;
import dev.vigil.agent.probe.track.Transition;
import dev.vigil.agent.probe.track.WanTracker;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Probes every target of one WAN or check once per interval and feeds each completed round to its tracker. Rounds
 * may overlap when the timeout exceeds the interval; a probe that does not complete (a bug) is cut off after the
 * timeout plus {@link #SAFETY}, so a round always ends. Exceptions are logged and the loop goes on.
 */
final class ProbeLoop implements AutoCloseable {
    static final Duration SAFETY = Duration.ofSeconds(2);
    private static final Logger LOG = System.getLogger(ProbeLoop.class.getName());

    private final List<WanProbe> probes;
    private final List<AutoCloseable> resources;
    private final WanTracker tracker;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final Consumer<RoundOutcome> onRound;
    private volatile ScheduledFuture<?> schedule;
    private volatile boolean closed;

    /** A completed round and the transition it caused, if any. */
    record RoundOutcome(List<TargetResult> results, Transition transition) {}

    ProbeLoop(
            ProbeFactory.ProbeSet probes,
            WanTracker tracker,
            Duration interval,
            Duration timeout,
            Clock clock,
            Consumer<RoundOutcome> onRound) {
        this.probes = probes.probes();
        this.resources = probes.resources();
        this.tracker = tracker;
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        this.onRound = onRound;
    }

    WanTracker tracker() {
        return tracker;
    }

    void start(ScheduledExecutorService ticker) {
        schedule = ticker.scheduleAtFixedRate(this::round, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One extra round now, beside the scheduled ones; completes once the round has been judged. */
    CompletableFuture<Void> roundNow() {
        return round();
    }

    private CompletableFuture<Void> round() {
        try {
            List<CompletableFuture<ProbeResult>> pending = new ArrayList<>();
            for (WanProbe p : probes) {
                pending.add(start(p));
            }
            return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .thenRun(() -> finish(pending));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "probe round of " + tracker.name() + " failed to start", e);
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletableFuture<ProbeResult> start(WanProbe probe) {
        try {
            return probe.probe(timeout)
                    .toCompletableFuture()
                    .exceptionally(e -> ProbeResult.failure("probe error: " + e))
                    .completeOnTimeout(
                            ProbeResult.failure("probe did not finish"),
                            timeout.plus(SAFETY).toNanos(),
                            TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ProbeResult.failure("probe error: " + e));
        }
    }

    private void finish(List<CompletableFuture<ProbeResult>> pending) {
        if (closed) {
            return;
        }
        try {
            List<TargetResult> results = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                results.add(
                        new TargetResult(probes.get(i).target(), pending.get(i).join()));
            }
            Transition t = tracker.round(clock.instant(), results).orElse(null);
            onRound.accept(new RoundOutcome(results, t));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "probe round of " + tracker.name() + " could not be judged", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing a probe resource failed", e);
            }
        }
    }
}
