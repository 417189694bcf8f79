package dev.vigil.collector.notify.maintenance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A weekly recurring span: on these days at {@code start} local time in {@code zone}, lasting {@code length}. */
public record WeeklySlot(Set<DayOfWeek> days, LocalTime start, Duration length, ZoneId zone) {
    public static final Duration LONGEST = Duration.ofDays(7);

    public WeeklySlot {
        days = Set.copyOf(days);
    }

    /** The occurrences that overlap {@code [from, to)}, as {@code [start, end)} pairs, oldest first. */
    public List<Instant[]> occurrences(Instant from, Instant to) {
        List<Instant[]> out = new ArrayList<>();
        LocalDate day = from.minus(length).atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant s = day.atTime(start).atZone(zone).toInstant();
            Instant e = s.plus(length);
            if (s.isBefore(to) && e.isAfter(from)) {
                out.add(new Instant[] {s, e});
            }
        }
        return out;
    }
}
