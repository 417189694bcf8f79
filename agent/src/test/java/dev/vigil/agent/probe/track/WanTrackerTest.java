package dev.vigil.agent.probe.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WanTrackerTest {
    private static final Duration TICK = Duration.ofMillis(500);
    private static final List<String> TARGETS = List.of("198.51.100.65", "198.51.100.66", "198.51.100.67");

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Transition> transitions = new ArrayList<>();

    private WanTracker tracker(TrackerSettings settings) {
        return new WanTracker("wan1", settings, now);
    }

    private Optional<Transition> round(WanTracker tracker, boolean... answered) {
        now = now.plus(TICK);
        List<TargetResult> results = new ArrayList<>();
        for (int i = 0; i < answered.length; i++) {
            results.add(new TargetResult(
                    TARGETS.get(i),
                    answered[i]
                            ? ProbeResult.success(Duration.ofMillis(10 + i), TARGETS.get(i))
                            : ProbeResult.failure("no reply within 400 ms")));
        }
        Optional<Transition> t = tracker.round(now, results);
        t.ifPresent(transitions::add);
        return t;
    }

    private void rounds(WanTracker tracker, int count, boolean... answered) {
        for (int i = 0; i < count; i++) {
            round(tracker, answered);
        }
    }

    @Test
    void round_firstGoodRound_unknownBecomesUp() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        assertThat(tracker.state()).isEqualTo(LinkState.UNKNOWN);
        assertThat(round(tracker, true, true, true)).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo(LinkState.UP);
            assertThat(t.previous()).isEqualTo(LinkState.UNKNOWN);
        });
    }

    @Test
    void round_oneOfThreeAnswering_countsAsGoodWithReliabilityOne() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        rounds(tracker, 10, false, false, true);
        assertThat(tracker.state()).isNotEqualTo(LinkState.DOWN);
    }

    @Test
    void round_twoBadRoundsThenGood_staysUp() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        for (int i = 0; i < 20; i++) {
            rounds(tracker, 2, false, false, false);
            round(tracker, true, true, true);
        }
        assertThat(transitions).extracting(Transition::state).doesNotContain(LinkState.DOWN);
    }

    @Test
    void round_threeConsecutiveBadRounds_goesDownWithReason() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        assertThat(round(tracker, false, false, false)).isEmpty();
        assertThat(round(tracker, false, false, false)).isEmpty();
        Transition down = round(tracker, false, false, false).orElseThrow();
        assertThat(down.state()).isEqualTo(LinkState.DOWN);
        assertThat(down.previous()).isEqualTo(LinkState.UP);
        assertThat(down.reason()).contains("3 consecutive rounds", "0 answered", "no reply within 400 ms");
        assertThat(down.lastRound()).hasSize(3).allMatch(r -> !r.result().ok());
        assertThat(down.stats().lossPct()).isGreaterThan(0);
    }

    @Test
    void round_reliabilityTwo_oneAnsweringIsBad() {
        TrackerSettings settings =
                new TrackerSettings(2, 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 30, 15, null, null, 20);
        WanTracker tracker = tracker(settings);
        round(tracker, true, true, true);
        rounds(tracker, 3, true, false, false);
        assertThat(tracker.state()).isEqualTo(LinkState.DOWN);
    }

    @Test
    void round_reliabilityAboveTargetCount_isCappedAtTargetCount() {
        TrackerSettings settings =
                new TrackerSettings(5, 3, Duration.ZERO, Duration.ofSeconds(20), 30, 15, null, null, 20);
        WanTracker tracker = tracker(settings);
        rounds(tracker, 5, true);
        assertThat(tracker.state()).isEqualTo(LinkState.UP);
    }

    @Test
    void round_unknownAndNeverAnswering_goesDownFromUnknown() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        rounds(tracker, 3, false, false, false);
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(LinkState.DOWN);
            assertThat(t.previous()).isEqualTo(LinkState.UNKNOWN);
        });
    }

    @Test
    void round_recoveryShorterThanHold_staysDown() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        rounds(tracker, 3, false, false, false);
        rounds(tracker, 20, true, true, true); // the hold starts at the first good round: 9.5 s < 10 s
        assertThat(tracker.state()).isEqualTo(LinkState.DOWN);
        Transition up = round(tracker, true, true, true).orElseThrow();
        assertThat(up.state()).isEqualTo(LinkState.UP);
        assertThat(up.previous()).isEqualTo(LinkState.DOWN);
        assertThat(up.downFor()).isEqualTo(Duration.ofMillis(500 * 21));
        assertThat(up.reason()).contains("hold 10.0 s");
    }

    @Test
    void round_badRoundDuringHold_restartsHold() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        rounds(tracker, 3, false, false, false);
        rounds(tracker, 15, true, true, true);
        round(tracker, false, false, false);
        rounds(tracker, 20, true, true, true);
        assertThat(tracker.state()).isEqualTo(LinkState.DOWN);
        round(tracker, true, true, true);
        assertThat(tracker.state()).isEqualTo(LinkState.UP);
    }

    @Test
    void round_zeroHold_upAtFirstGoodRound() {
        WanTracker tracker = tracker(TrackerSettings.forCheck(2));
        round(tracker, true);
        rounds(tracker, 2, false);
        assertThat(tracker.state()).isEqualTo(LinkState.DOWN);
        assertThat(round(tracker, true)).get().extracting(Transition::state).isEqualTo(LinkState.UP);
    }

    @Test
    void round_sustainedLossAboveThreshold_degradesThenRecoversBelowRecoverLevel() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        rounds(tracker, 40, true, false, true); // 33 % loss, never a bad round
        assertThat(tracker.state()).isEqualTo(LinkState.DEGRADED);
        Transition degraded = transitions.get(1);
        assertThat(degraded.reason()).contains("loss").contains("≥ 30 %");
        rounds(tracker, 100, true, true, true);
        assertThat(tracker.state()).isEqualTo(LinkState.UP);
        assertThat(transitions)
                .extracting(Transition::state)
                .containsExactly(LinkState.UP, LinkState.DEGRADED, LinkState.UP);
    }

    @Test
    void round_lossBetweenRecoverAndDegradedLevels_staysWhereItIs() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        rounds(tracker, 40, true, false, true);
        assertThat(tracker.state()).isEqualTo(LinkState.DEGRADED);
        // 2 of 9 lost = 22 %: above the recover level, below the degraded level
        for (int i = 0; i < 30; i++) {
            round(tracker, true, false, true);
            round(tracker, true, true, false);
            round(tracker, true, true, true);
        }
        assertThat(tracker.state()).isEqualTo(LinkState.DEGRADED);
    }

    @Test
    void round_fewSamples_noQualityJudgement() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, false, false);
        round(tracker, true, false, false);
        assertThat(tracker.state()).isEqualTo(LinkState.UP);
    }

    @Test
    void round_rttLimit_degradesOnSlowReplies() {
        TrackerSettings settings = new TrackerSettings(
                1, 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 30, 15, Duration.ofMillis(5), null, 20);
        WanTracker tracker = tracker(settings);
        rounds(tracker, 10, true, true, true);
        assertThat(tracker.state()).isEqualTo(LinkState.DEGRADED);
        assertThat(transitions.get(transitions.size() - 1).reason()).contains("rtt");
    }

    @Test
    void round_jitterLimit_degradesOnVaryingReplies() {
        TrackerSettings settings = new TrackerSettings(
                1, 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 30, 15, null, Duration.ofMillis(20), 20);
        WanTracker tracker = tracker(settings);
        for (int i = 0; i < 30; i++) {
            now = now.plus(TICK);
            Duration rtt = Duration.ofMillis(i % 2 == 0 ? 10 : 60);
            tracker.round(now, List.of(new TargetResult("a", ProbeResult.success(rtt, "a"))))
                    .ifPresent(transitions::add);
        }
        assertThat(tracker.state()).isEqualTo(LinkState.DEGRADED);
        assertThat(tracker.stats(now).jitterMs()).isEqualTo(50.0);
        assertThat(transitions.get(transitions.size() - 1).reason()).contains("jitter");
    }

    @Test
    void round_degradedLinkLosesAllTargets_goesDown() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        rounds(tracker, 40, true, false, false);
        assertThat(tracker.state()).isEqualTo(LinkState.DEGRADED);
        rounds(tracker, 3, false, false, false);
        assertThat(tracker.state()).isEqualTo(LinkState.DOWN);
        assertThat(transitions.get(transitions.size() - 1).previous()).isEqualTo(LinkState.DEGRADED);
    }

    @Test
    void round_recoveryWithHeavyLoss_comesBackDegraded() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        round(tracker, true, true, true);
        rounds(tracker, 3, false, false, false);
        rounds(tracker, 21, true, false, false);
        Transition back = transitions.get(transitions.size() - 1);
        assertThat(back.state()).isEqualTo(LinkState.DEGRADED);
        assertThat(back.previous()).isEqualTo(LinkState.DOWN);
        assertThat(back.downFor()).isNotNull();
    }

    @Test
    void round_emptyRound_isBad() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        rounds(tracker, 3);
        assertThat(tracker.state()).isEqualTo(LinkState.DOWN);
    }

    @Test
    void stats_windowSlides_oldSamplesLeave() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        rounds(tracker, 10, false, true, true);
        rounds(tracker, 125, true, true, true);
        assertThat(tracker.stats(now).lossPct()).isZero();
        assertThat(tracker.stats(now).samples()).isEqualTo(121 * 3); // 60 s at 500 ms, both ends included
    }

    @Test
    void stats_percentiles_nearestRank() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        for (int i = 1; i <= 20; i++) {
            now = now.plus(TICK);
            tracker.round(now, List.of(new TargetResult("a", ProbeResult.success(Duration.ofMillis(i), "a"))));
        }
        WindowStats stats = tracker.stats(now);
        assertThat(stats.rttMs()).isEqualTo(10.5);
        assertThat(stats.rttP95Ms()).isEqualTo(19.0);
        assertThat(stats.jitterMs()).isEqualTo(1.0);
        assertThat(stats.lossPct()).isZero();
    }

    @Test
    void round_tenPercentRandomLossForSimulatedDay_neverDown() {
        WanTracker tracker = tracker(TrackerSettings.defaults());
        Random random = new Random(42);
        for (int i = 0; i < 2 * 3600 * 24; i++) {
            round(tracker, random.nextDouble() >= 0.1, random.nextDouble() >= 0.1, random.nextDouble() >= 0.1);
        }
        assertThat(transitions).extracting(Transition::state).containsOnly(LinkState.UP);
    }
}
