package dev.vigil.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    @Test
    void next_withinOneMillisecond_isUniqueAndSortsInOrder() {
        EventIds ids = new EventIds(Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC));
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            generated.add(ids.next());
        }

        assertThat(new HashSet<>(generated)).hasSize(generated.size());
        assertThat(generated)
                .isSorted()
                .allSatisfy(id -> assertThat(EventIds.isValid(id)).isTrue());
    }

    @Test
    void next_laterMillisecond_sortsAfter() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T03:00:00Z"));
        EventIds ids = new EventIds(clock);
        String first = ids.next();
        clock.now = clock.now.plusMillis(1);

        assertThat(ids.next()).isGreaterThan(first);
        assertThat(first).startsWith("01M80K4FW0"); // 2026-11-22T03:00:00Z in 48-bit milliseconds
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
