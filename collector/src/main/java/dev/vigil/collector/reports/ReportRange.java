package dev.vigil.collector.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The range of a report, checked: {@code from} before {@code to}, {@code to} no later than now (time that has not
 * happened is neither up nor down), and at most {@link #MAX} long — a longer request is shortened to its last
 * {@link #MAX} and {@link #note} says so.
 */
public record ReportRange(Instant from, Instant to, String note) {
    public static final Duration MAX = Duration.ofDays(366);

    /** From {@code month=YYYY-MM} (UTC) or {@code from}/{@code to}; a bad combination throws with a reason. */
    public static ReportRange of(String month, Instant from, Instant to, Instant now) {
        if (month != null) {
            if (from != null || to != null) {
                throw new IllegalArgumentException("give either month or from and to, not both");
            }
            try {
                YearMonth m = YearMonth.parse(month);
                return checked(
                        m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                        m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                        now);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("month must look like 2026-11");
            }
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("give from and to (RFC 3339 times) or month (YYYY-MM)");
        }
        return checked(from, to, now);
    }

    private static ReportRange checked(Instant from, Instant to, Instant now) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException(
                    to.equals(from)
                            ? "the range is empty: from equals to"
                            : "the range is reversed: to is before from");
        }
        if (!from.isBefore(now)) {
            throw new IllegalArgumentException("the range starts in the future: there is nothing to report yet");
        }
        String note = null;
        if (to.isAfter(now)) {
            to = now;
            note = "to is in the future: the report ends now (" + now + ")";
        }
        if (Duration.between(from, to).compareTo(MAX) > 0) {
            from = to.minus(MAX);
            note = (note == null ? "" : note + "; ") + "the range is longer than 366 days: the report covers the last "
                    + "366 days, from " + from;
        }
        return new ReportRange(from, to, note);
    }
}
