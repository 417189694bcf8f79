package dev.vigil.agent.vrrp.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Percentiles (nearest rank) of a set of latencies in microseconds, printed as one table row in milliseconds. */
record LatencyRow(String name, int n, long p50, long p90, long p99, long max) {
    static final String HEADER =
            String.format(Locale.ROOT, "%-58s %6s %8s %8s %8s %8s", "latency (ms)", "n", "p50", "p90", "p99", "max");

    static LatencyRow of(String name, Collection<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return new LatencyRow(name, 0, -1, -1, -1, -1);
        }
        return new LatencyRow(
                name,
                sorted.size(),
                rank(sorted, 0.5),
                rank(sorted, 0.9),
                rank(sorted, 0.99),
                sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, double q) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * q) - 1)));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%-58s %6d %8.2f %8.2f %8.2f %8.2f",
                name,
                n,
                p50 / 1000.0,
                p90 / 1000.0,
                p99 / 1000.0,
                max / 1000.0);
    }
}
