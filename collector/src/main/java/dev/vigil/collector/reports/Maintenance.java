package dev.vigil.collector.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A site's maintenance windows inside a range, merged, for overlap sums and membership tests. */
final class Maintenance {
    private final List<long[]> spans = new ArrayList<>();

    Maintenance(List<MaintenanceCalendar.Window> windows, Instant from, Instant to) {
        List<MaintenanceCalendar.Window> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(MaintenanceCalendar.Window::start));
        for (MaintenanceCalendar.Window w : sorted) {
            long a = Math.max(w.start().toEpochMilli(), from.toEpochMilli());
            long b = Math.min(w.end().toEpochMilli(), to.toEpochMilli());
            if (b <= a) {
                continue;
            }
            long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && a <= last[1]) {
                last[1] = Math.max(last[1], b);
            } else {
                spans.add(new long[] {a, b});
            }
        }
    }

    /** Milliseconds of {@code [a, b)} inside a window. */
    long overlap(long a, long b) {
        long sum = 0;
        for (long[] s : spans) {
            sum += Math.max(0, Math.min(b, s[1]) - Math.max(a, s[0]));
        }
        return sum;
    }

    boolean contains(long t) {
        for (long[] s : spans) {
            if (t >= s[0] && t < s[1]) {
                return true;
            }
        }
        return false;
    }
}
