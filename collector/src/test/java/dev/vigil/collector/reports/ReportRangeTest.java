package dev.vigil.collector.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportRangeTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void of_month_coversTheUtcMonth() {
        ReportRange r = ReportRange.of("2026-11", null, null, NOW);
        assertThat(r.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(r.note()).isNull();
    }

    @Test
    void of_reversedRange_isRejected() {
        assertThatThrownBy(() -> ReportRange.of(null, NOW.minusSeconds(10), NOW.minusSeconds(20), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reversed");
    }

    @Test
    void of_emptyRange_isRejected() {
        assertThatThrownBy(() -> ReportRange.of(null, NOW.minusSeconds(10), NOW.minusSeconds(10), NOW))
                .hasMessageContaining("empty");
    }

    @Test
    void of_yearsLongRange_isCappedTo366DaysAndSaysSo() {
        ReportRange r = ReportRange.of(null, Instant.parse("2020-01-01T00:00:00Z"), NOW, NOW);
        assertThat(r.to()).isEqualTo(NOW);
        assertThat(r.from()).isEqualTo(NOW.minus(ReportRange.MAX));
        assertThat(r.note()).contains("longer than 366 days");
    }

    @Test
    void of_currentMonth_endsNowAndSaysSo() {
        ReportRange r = ReportRange.of("2026-12", null, null, NOW);
        assertThat(r.to()).isEqualTo(NOW);
        assertThat(r.note()).contains("future");
    }

    @Test
    void of_badMonthOrMissingBounds_isRejectedWithTheAcceptedForm() {
        assertThatThrownBy(() -> ReportRange.of("November", null, null, NOW)).hasMessageContaining("2026-11");
        assertThatThrownBy(() -> ReportRange.of(null, NOW.minusSeconds(5), null, NOW))
                .hasMessageContaining("give from and to");
        assertThatThrownBy(() -> ReportRange.of(null, NOW.plusSeconds(5), NOW.plusSeconds(50), NOW))
                .hasMessageContaining("future");
    }
}
