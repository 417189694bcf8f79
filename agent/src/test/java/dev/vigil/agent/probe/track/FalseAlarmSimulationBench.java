package dev.vigil.agent.probe.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * False alarms of the default tracker under independent random loss, simulated on a fake clock (no network): 3
 * targets, a round every 500 ms, each probe lost with probability p. "10 % each way" (the lab's setWanLoss) loses a
 * probe with p = 1 − 0.9² = 19 %. Compared with the analytic rate of runs of 3 bad rounds.
 */
@Tag("bench")
class FalseAlarmSimulationBench {
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final int HOURS = Integer.getInteger("vigil.bench.simHours", 2000);

    record Outcome(String scenario, double probeLoss, long rounds, int downs, int degraded, double analyticPer30m) {}

    @Test
    void defaults_randomLoss_falseDownsPerThirtyMinutes() {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(simulate("10 % per probe", 0.10));
        outcomes.add(simulate("10 % each way", 1 - 0.9 * 0.9));
        outcomes.add(simulate("20 % each way", 1 - 0.8 * 0.8));
        System.out.printf(Locale.ROOT, "%nfalse alarms, default tracker, %d simulated hours per row%n", HOURS);
        System.out.printf(
                Locale.ROOT,
                "%-16s %8s %12s %8s %10s %14s %16s%n",
                "loss",
                "p(probe)",
                "rounds",
                "wan.down",
                "degraded",
                "down / 30 min",
                "analytic / 30 min");
        for (Outcome o : outcomes) {
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %8.3f %12d %8d %10d %14.2e %16.2e%n",
                    o.scenario(),
                    o.probeLoss(),
                    o.rounds(),
                    o.downs(),
                    o.degraded(),
                    o.downs() / (HOURS * 2.0),
                    o.analyticPer30m());
        }
        assertThat(outcomes.get(0).downs()).isZero();
        assertThat(outcomes.get(0).degraded()).isZero();
        // at 10 % each way a link only comes back degraded after one of its rare false downs (recovery samples)
        assertThat(outcomes.get(1).degraded())
                .isLessThanOrEqualTo(outcomes.get(1).downs());
    }

    private static Outcome simulate(String scenario, double p) {
        TrackerSettings settings = TrackerSettings.defaults();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        WanTracker tracker = new WanTracker("sim", settings, now);
        SplittableRandom random = new SplittableRandom(4);
        long rounds = (long) HOURS * 3600 * 1000 / INTERVAL.toMillis();
        int downs = 0;
        int degraded = 0;
        List<TargetResult> round = new ArrayList<>(3);
        for (long i = 0; i < rounds; i++) {
            now = now.plus(INTERVAL);
            round.clear();
            for (int t = 0; t < 3; t++) {
                round.add(new TargetResult(
                        "t" + t,
                        random.nextDouble() < p
                                ? ProbeResult.failure("lost")
                                : ProbeResult.success(Duration.ofMillis(20 + random.nextInt(5)), "t" + t)));
            }
            var change = tracker.round(now, round);
            if (change.isPresent()) {
                if (change.get().state() == LinkState.DOWN) {
                    downs++;
                } else if (change.get().state() == LinkState.DEGRADED) {
                    degraded++;
                }
            }
        }
        double badRound = Math.pow(p, 3);
        double runsPerRound = (1 - badRound) * Math.pow(badRound, settings.downRounds());
        return new Outcome(scenario, p, rounds, downs, degraded, runsPerRound * 3600);
    }
}
