package dev.vigil.agent.probe.track;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The state machine of one WAN (or health check), fed one round of probe results at a time. Pure logic: time comes
 * in with each call, so tests drive it with a fake clock. Thread-safe (calls are serialised).
 *
 * <p>Going down: {@code downRounds} consecutive rounds in which fewer than {@code reliability} targets answered.
 * Coming back: the first good round starts a hold of {@code upHold}; any bad round during the hold restarts it; when
 * it runs out the link is up (or degraded, judged on the samples since recovery began). Degraded: window loss at or
 * above {@code degradedLossPct} (or RTT/jitter above their limits), back to up only at or below
 * {@code recoverLossPct} (and 80 % of the RTT/jitter limits).
 */
public final class WanTracker {
    private final String name;
    private final TrackerSettings settings;
    private final SlidingWindow window;

    private LinkState state = LinkState.UNKNOWN;
    private Instant since;
    private int badRounds;
    private Instant recoveringSince;
    private Instant downSince;
    private List<TargetResult> lastRound = List.of();

    public WanTracker(String name, TrackerSettings settings, Instant start) {
        this.name = name;
        this.settings = settings;
        this.window = new SlidingWindow(settings.window());
        this.since = start;
    }

    public synchronized Optional<Transition> round(Instant now, List<TargetResult> results) {
        lastRound = List.copyOf(results);
        long answered = results.stream().filter(r -> r.result().ok()).count();
        boolean good = answered >= Math.min(settings.reliability(), results.size()) && !results.isEmpty();
        if (state == LinkState.DOWN && good && recoveringSince == null) {
            window.clear();
            recoveringSince = now;
        }
        results.forEach(r -> window.add(now, r));
        WindowStats stats = window.stats(now, false);
        if (!good) {
            badRounds++;
            recoveringSince = null;
            if (state != LinkState.DOWN && badRounds >= settings.downRounds()) {
                downSince = now;
                return move(now, LinkState.DOWN, stats, downReason(answered, results), null);
            }
        } else {
            badRounds = 0;
        }
        return switch (state) {
            case DOWN -> recovered(now, stats);
            case UNKNOWN -> good ? move(now, quality(stats, false), stats, "first good round", null) : Optional.empty();
            case UP ->
                quality(stats, false) == LinkState.DEGRADED
                        ? move(now, LinkState.DEGRADED, stats, qualityReason(stats), null)
                        : Optional.empty();
            case DEGRADED ->
                quality(stats, true) == LinkState.UP
                        ? move(now, LinkState.UP, stats, "quality back within limits", null)
                        : Optional.empty();
        };
    }

    private Optional<Transition> recovered(Instant now, WindowStats stats) {
        if (recoveringSince == null || Duration.between(recoveringSince, now).compareTo(settings.upHold()) < 0) {
            return Optional.empty();
        }
        Duration downFor = Duration.between(downSince, now);
        LinkState next = quality(stats, false);
        String reason = "answering again for " + seconds(Duration.between(recoveringSince, now)) + " (hold "
                + seconds(settings.upHold()) + ")";
        recoveringSince = null;
        return move(
                now, next, stats, next == LinkState.DEGRADED ? reason + "; " + qualityReason(stats) : reason, downFor);
    }

    private LinkState quality(WindowStats stats, boolean recovering) {
        if (stats.samples() < settings.minSamples()) {
            return recovering ? LinkState.DEGRADED : LinkState.UP;
        }
        double factor = recovering ? 0.8 : 1.0;
        double lossLimit = recovering ? settings.recoverLossPct() : settings.degradedLossPct();
        boolean bad = recovering ? stats.lossPct() > lossLimit : stats.lossPct() >= lossLimit;
        bad |= over(stats.rttMs(), settings.degradedRtt(), factor);
        bad |= over(stats.jitterMs(), settings.degradedJitter(), factor);
        return bad ? LinkState.DEGRADED : LinkState.UP;
    }

    private static boolean over(Double valueMs, Duration limit, double factor) {
        return limit != null && valueMs != null && valueMs >= limit.toNanos() / 1e6 * factor;
    }

    private String qualityReason(WindowStats stats) {
        StringBuilder reason = new StringBuilder();
        if (stats.lossPct() >= settings.degradedLossPct()) {
            reason.append(
                    String.format(Locale.ROOT, "loss %.1f %% ≥ %.0f %%", stats.lossPct(), settings.degradedLossPct()));
        }
        if (over(stats.rttMs(), settings.degradedRtt(), 1.0)) {
            reason.append(reason.length() > 0 ? "; " : "")
                    .append(String.format(
                            Locale.ROOT,
                            "rtt %.1f ms ≥ %d ms",
                            stats.rttMs(),
                            settings.degradedRtt().toMillis()));
        }
        if (over(stats.jitterMs(), settings.degradedJitter(), 1.0)) {
            reason.append(reason.length() > 0 ? "; " : "")
                    .append(String.format(
                            Locale.ROOT,
                            "jitter %.1f ms ≥ %d ms",
                            stats.jitterMs(),
                            settings.degradedJitter().toMillis()));
        }
        return reason.length() == 0 ? "quality limits exceeded" : reason.toString();
    }

    private String downReason(long answered, List<TargetResult> results) {
        String errors = results.stream()
                .filter(r -> !r.result().ok())
                .map(r -> r.target() + ": " + r.result().error())
                .distinct()
                .collect(Collectors.joining("; "));
        return badRounds + " consecutive rounds with fewer than " + Math.min(settings.reliability(), results.size())
                + " of " + results.size() + " targets answering (last round: " + answered + " answered"
                + (errors.isEmpty() ? "" : "; " + errors) + ")";
    }

    private Optional<Transition> move(
            Instant now, LinkState next, WindowStats judged, String reason, Duration downFor) {
        if (next == state) {
            return Optional.empty();
        }
        WindowStats stats = window.stats(now, true); // the same figures as judged, plus the p95
        LinkState previous = state;
        state = next;
        since = now;
        return Optional.of(new Transition(name, now, next, previous, stats, reason, lastRound, downFor));
    }

    public synchronized LinkState state() {
        return state;
    }

    public synchronized Instant since() {
        return since;
    }

    public synchronized WindowStats stats(Instant now) {
        return window.stats(now);
    }

    public synchronized List<TargetResult> lastRound() {
        return lastRound;
    }

    public String name() {
        return name;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
