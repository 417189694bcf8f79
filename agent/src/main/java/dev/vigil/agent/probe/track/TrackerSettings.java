package dev.vigil.agent.probe.track;

import java.time.Duration;

/**
 * How a tracker judges rounds of probes. Defaults and the reasoning behind them are in {@code docs/wan-probes.md}.
 *
 * @param reliability targets that must answer for a round to count as good (k of n); capped at the number of targets
 * @param downRounds consecutive bad rounds that make the link {@code down}
 * @param upHold how long a link that was down must stay free of bad rounds before it is {@code up} again
 * @param window length of the sliding window for loss, RTT and jitter
 * @param degradedLossPct window loss at or above which an up link becomes {@code degraded}
 * @param recoverLossPct window loss at or below which a degraded link is {@code up} again
 * @param degradedRtt average RTT at or above which the link is {@code degraded}; null = not judged
 * @param degradedJitter jitter at or above which the link is {@code degraded}; null = not judged
 * @param minSamples probes the window must hold before quality is judged
 */
public record TrackerSettings(
        int reliability,
        int downRounds,
        Duration upHold,
        Duration window,
        double degradedLossPct,
        double recoverLossPct,
        Duration degradedRtt,
        Duration degradedJitter,
        int minSamples) {

    public static final int DEFAULT_RELIABILITY = 1;
    public static final int DEFAULT_DOWN_ROUNDS = 3;
    public static final Duration DEFAULT_UP_HOLD = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    public static final double DEFAULT_DEGRADED_LOSS_PCT = 30;
    public static final double DEFAULT_RECOVER_LOSS_PCT = 15;
    public static final int DEFAULT_MIN_SAMPLES = 20;

    public static TrackerSettings defaults() {
        return new TrackerSettings(
                DEFAULT_RELIABILITY,
                DEFAULT_DOWN_ROUNDS,
                DEFAULT_UP_HOLD,
                DEFAULT_WINDOW,
                DEFAULT_DEGRADED_LOSS_PCT,
                DEFAULT_RECOVER_LOSS_PCT,
                null,
                null,
                DEFAULT_MIN_SAMPLES);
    }

    /** Health checks: down after {@code failures} bad rounds, back at the first good one, no quality judgement. */
    public static TrackerSettings forCheck(int failures) {
        return new TrackerSettings(1, failures, Duration.ZERO, Duration.ofMinutes(1), 101, 100, null, null, 1);
    }

    public TrackerSettings withDownRounds(int rounds) {
        return new TrackerSettings(
                reliability,
                rounds,
                upHold,
                window,
                degradedLossPct,
                recoverLossPct,
                degradedRtt,
                degradedJitter,
                minSamples);
    }

    public TrackerSettings withUpHold(Duration hold) {
        return new TrackerSettings(
                reliability,
                downRounds,
                hold,
                window,
                degradedLossPct,
                recoverLossPct,
                degradedRtt,
                degradedJitter,
                minSamples);
    }
}
