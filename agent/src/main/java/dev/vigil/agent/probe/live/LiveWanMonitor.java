package dev.vigil.agent.probe.live;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.probe.CheckConfig;
import dev.vigil.agent.probe.ProbeConfig;
import dev.vigil.agent.probe.RouterPinger;
import dev.vigil.agent.probe.WanConfig;
import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.probe.WanStatus;
import dev.vigil.agent.probe.track.LinkState;
import dev.vigil.agent.probe.track.TrackerSettings;
import dev.vigil.agent.probe.track.Transition;
import dev.vigil.agent.probe.track.WanTracker;
import dev.vigil.agent.probe.track.WindowStats;
import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/** The live {@link WanMonitor}: one probe loop per WAN and per check on a shared ticker and blocking pool. */
public final class LiveWanMonitor implements WanMonitor {
    private static final Logger LOG = System.getLogger(LiveWanMonitor.class.getName());

    private final ObservationSink sink;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor ticker;
    private final ExecutorService blocking;
    private final Map<String, ProbeLoop> wans = new LinkedHashMap<>();
    private final Map<String, ProbeLoop> checks = new LinkedHashMap<>();

    private LiveWanMonitor(ObservationSink sink, Clock clock, ThreadFactory threads) {
        this.sink = sink;
        this.clock = clock;
        this.ticker = new ScheduledThreadPoolExecutor(2, threads);
        this.ticker.setRemoveOnCancelPolicy(true);
        this.blocking = Executors.newCachedThreadPool(threads);
    }

    /** Starts probing on named daemon threads. {@code pinger} may be null when no WAN uses method router. */
    public static WanMonitor start(ProbeConfig config, ObservationSink sink, Clock clock, RouterPinger pinger) {
        return start(config, sink, clock, pinger, DaemonThreads.named("vigil-probe"));
    }

    /**
     * Starts probing on threads of {@code threads}; sockets are opened on those threads, so a factory whose threads
     * enter a network namespace probes from inside it.
     */
    public static WanMonitor start(
            ProbeConfig config, ObservationSink sink, Clock clock, RouterPinger pinger, ThreadFactory threads) {
        LiveWanMonitor monitor = new LiveWanMonitor(sink, clock, threads);
        ProbeFactory factory = new ProbeFactory(threads, monitor.blocking, monitor.ticker, pinger);
        Instant now = clock.instant();
        for (WanConfig wan : config.wans()) {
            WanTracker tracker = new WanTracker(wan.name(), wan.tracking(), now);
            monitor.wans.put(
                    wan.name(),
                    new ProbeLoop(
                            factory.create(wan.probe(), wan.targets()),
                            tracker,
                            wan.interval(),
                            wan.timeout(),
                            clock,
                            outcome -> monitor.onWanRound(outcome.transition())));
        }
        for (CheckConfig check : config.checks()) {
            WanTracker tracker = new WanTracker(check.name(), TrackerSettings.forCheck(check.failures()), now);
            monitor.checks.put(
                    check.name(),
                    new ProbeLoop(
                            factory.create(check.probe(), List.of(check.target())),
                            tracker,
                            check.interval(),
                            check.timeout(),
                            clock,
                            new CheckReporter(check, clock, monitor::emit)));
        }
        monitor.wans.values().forEach(l -> l.start(monitor.ticker));
        monitor.checks.values().forEach(l -> l.start(monitor.ticker));
        return monitor;
    }

    private void onWanRound(Transition t) {
        if (t != null) {
            Observation o = Observations.wan(t);
            if (o != null) {
                emit(o);
            }
        }
    }

    private void emit(Observation o) {
        try {
            sink.accept(o);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "observation sink failed on " + o.type(), e);
        }
    }

    @Override
    public List<SiteState.WanView> wans() {
        Instant now = clock.instant();
        List<SiteState.WanView> views = new ArrayList<>();
        for (ProbeLoop loop : wans.values()) {
            WanTracker t = loop.tracker();
            WindowStats s = t.stats(now);
            views.add(new SiteState.WanView(
                    t.name(), t.state().wireName(), round1(s.lossPct()), s.rttMs(), s.jitterMs(), t.since()));
        }
        return views;
    }

    @Override
    public List<SiteMetrics.WanMetric> metrics() {
        Instant now = clock.instant();
        List<SiteMetrics.WanMetric> metrics = new ArrayList<>();
        for (ProbeLoop loop : wans.values()) {
            WanTracker t = loop.tracker();
            WindowStats s = t.stats(now);
            metrics.add(new SiteMetrics.WanMetric(
                    t.name(), t.state().wireName(), round1(s.lossPct()), s.rttMs(), s.rttP95Ms(), s.jitterMs()));
        }
        return metrics;
    }

    @Override
    public Optional<String> state(String wan) {
        ProbeLoop loop = wans.get(wan);
        return loop == null
                ? Optional.empty()
                : Optional.of(loop.tracker().state().wireName());
    }

    @Override
    public List<WanStatus> status() {
        Instant now = clock.instant();
        List<WanStatus> all = new ArrayList<>();
        wans.values().forEach(l -> all.add(status("wan", l.tracker(), now)));
        checks.values().forEach(l -> all.add(status("check", l.tracker(), now)));
        return all;
    }

    private static WanStatus status(String kind, WanTracker t, Instant now) {
        LinkState state = t.state();
        return new WanStatus(kind, t.name(), state.wireName(), t.since(), t.stats(now), t.lastRound());
    }

    private static Double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    @Override
    public CompletableFuture<Void> probeNow() {
        List<CompletableFuture<Void>> rounds = new ArrayList<>();
        wans.values().forEach(l -> rounds.add(l.roundNow()));
        checks.values().forEach(l -> rounds.add(l.roundNow()));
        return CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        wans.values().forEach(ProbeLoop::close);
        checks.values().forEach(ProbeLoop::close);
        ticker.shutdownNow();
        blocking.shutdownNow();
    }

    static Duration between(Instant from, Instant to) {
        return from == null ? Duration.ZERO : Duration.between(from, to);
    }
}
