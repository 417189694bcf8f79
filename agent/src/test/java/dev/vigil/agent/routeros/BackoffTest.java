package dev.vigil.agent.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void nextDelay_noJitter_doublesFromOneSecondUpToSixty() {
        Backoff backoff = new Backoff(() -> 0.5);
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seconds.add(backoff.nextDelay().toSeconds());
        }
        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        backoff.reset();
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void nextDelay_extremeRandom_staysWithinQuarter() {
        assertThat(new Backoff(() -> 0.0).nextDelay()).isEqualTo(Duration.ofMillis(750));
        assertThat(new Backoff(() -> 1.0).nextDelay()).isEqualTo(Duration.ofMillis(1250));
    }
}
