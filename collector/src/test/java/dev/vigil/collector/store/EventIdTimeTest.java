package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.protocol.EventIds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventIdTimeTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 31, 32, 1_764_806_400_000L, EventIdTime.MAX_MILLIS})
    void millis_ofGeneratedId_isTheGeneratorsClock(long millis) {
        String id = new EventIds(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC)).next();
        assertThat(EventIdTime.millis(id)).isEqualTo(millis);
        assertThat(EventIdTime.millis(EventIdTime.first(millis))).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 1_764_806_400_000L, EventIdTime.MAX_MILLIS})
    void first_sortsAfterEveryEarlierIdAndAtOrBeforeEveryLaterOne(long millis) {
        String first = EventIdTime.first(millis);
        String earlier = new EventIds(Clock.fixed(Instant.ofEpochMilli(millis - 1), ZoneOffset.UTC)).next();
        String same = new EventIds(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC)).next();
        assertThat(earlier).isLessThan(first);
        assertThat(same).isGreaterThanOrEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "01ARZ3NDEKTSV4RRFFQ69G5FA", "81ARZ3NDEKTSV4RRFFQ69G5FAV", "01ARZ3NDEKTSV4RRFFQ69G5FAU"})
    void millis_ofTextThatIsNoUlid_isMinusOne(String id) {
        assertThat(EventIdTime.millis(id)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, EventIdTime.MAX_MILLIS + 1})
    void first_outsideUlidTimes_throws(long millis) {
        assertThatThrownBy(() -> EventIdTime.first(millis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no ULID for " + millis + " ms");
    }
}
