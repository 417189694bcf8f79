package dev.vigil.agent.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static List<Long> delays(double random, int n) {
        Backoff backoff = new Backoff(Backoff.DEFAULT_MIN, Backoff.DEFAULT_MAX, () -> random);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(backoff.next().toMillis());
        }
        return out;
    }

    @Test
    void next_noJitter_doublesFromOneSecondUpTo120Seconds() {
        assertThat(delays(0.5, 10))
                .containsExactly(
                        1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 120_000L, 120_000L, 120_000L);
    }

    @Test
    void next_extremeJitter_staysWithin25Percent() {
        assertThat(delays(0.0, 8)).startsWith(750L, 1_500L).endsWith(90_000L);
        assertThat(delays(0.999_999, 8)).startsWith(1_250L).last().isEqualTo(150_000L);
    }

    @Test
    void next_sixtySecondCapOfTheRouterOsSessions_doublesFromOneSecondUpToSixty() {
        Backoff backoff = new Backoff(Backoff.DEFAULT_MIN, Duration.ofSeconds(60), () -> 0.5);
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seconds.add(backoff.next().toSeconds());
        }
        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void reset_afterSuccess_startsAgainAtMin() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        backoff.next();
        backoff.next();
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }
}
