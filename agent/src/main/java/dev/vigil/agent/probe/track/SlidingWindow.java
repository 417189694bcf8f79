package dev.vigil.agent.probe.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Probe samples of the last {@code length}, with loss, RTT average and p95, and jitter. Not thread-safe. */
final class SlidingWindow {
    private record Sample(Instant time, boolean ok, long rttNanos, long jitterNanos) {}

    private final Duration length;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Map<String, Long> lastRttByTarget = new HashMap<>();

    SlidingWindow(Duration length) {
        this.length = length;
    }

    void add(Instant time, TargetResult result) {
        if (result.result().ok()) {
            long rtt = result.result().rtt().toNanos();
            Long previous = lastRttByTarget.put(result.target(), rtt);
            long jitter = previous == null ? -1 : Math.abs(rtt - previous);
            samples.addLast(new Sample(time, true, rtt, jitter));
        } else {
            samples.addLast(new Sample(time, false, -1, -1));
        }
    }

    void clear() {
        samples.clear();
        lastRttByTarget.clear();
    }

    WindowStats stats(Instant now) {
        Instant oldest = now.minus(length);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
            samples.removeFirst();
        }
        if (samples.isEmpty()) {
            return WindowStats.EMPTY;
        }
        long[] rtts = new long[samples.size()];
        int answered = 0;
        long jitterSum = 0;
        int jitterCount = 0;
        for (Sample s : samples) {
            if (s.ok()) {
                rtts[answered++] = s.rttNanos();
                if (s.jitterNanos() >= 0) {
                    jitterSum += s.jitterNanos();
                    jitterCount++;
                }
            }
        }
        double loss = 100.0 * (samples.size() - answered) / samples.size();
        if (answered == 0) {
            return new WindowStats(samples.size(), loss, null, null, null);
        }
        long[] sorted = Arrays.copyOf(rtts, answered);
        Arrays.sort(sorted);
        double avg = Arrays.stream(sorted).average().orElse(0);
        long p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * answered) - 1)];
        Double jitter = jitterCount == 0 ? null : millis(jitterSum / (double) jitterCount);
        return new WindowStats(samples.size(), loss, millis(avg), millis(p95), jitter);
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
