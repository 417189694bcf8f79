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

    private int answered;
    private long rttSum;
    private long jitterSum;
    private int jitterCount;

    void add(Instant time, TargetResult result) {
        Sample sample;
        if (result.result().ok()) {
            long rtt = result.result().rtt().toNanos();
            Long previous = lastRttByTarget.put(result.target(), rtt);
            sample = new Sample(time, true, rtt, previous == null ? -1 : Math.abs(rtt - previous));
        } else {
            sample = new Sample(time, false, -1, -1);
        }
        samples.addLast(sample);
        count(sample, 1);
    }

    void clear() {
        samples.clear();
        lastRttByTarget.clear();
        answered = 0;
        rttSum = 0;
        jitterSum = 0;
        jitterCount = 0;
    }

    /** Loss, average RTT and jitter (running sums, cheap); the p95 only when {@code withPercentile}. */
    WindowStats stats(Instant now, boolean withPercentile) {
        Instant oldest = now.minus(length);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
            count(samples.removeFirst(), -1);
        }
        if (samples.isEmpty()) {
            return WindowStats.EMPTY;
        }
        double loss = 100.0 * (samples.size() - answered) / samples.size();
        if (answered == 0) {
            return new WindowStats(samples.size(), loss, null, null, null);
        }
        Double p95 = withPercentile ? millis(percentile95()) : null;
        Double jitter = jitterCount == 0 ? null : millis(jitterSum / (double) jitterCount);
        return new WindowStats(samples.size(), loss, millis(rttSum / (double) answered), p95, jitter);
    }

    WindowStats stats(Instant now) {
        return stats(now, true);
    }

    private void count(Sample s, int sign) {
        if (s.ok()) {
            answered += sign;
            rttSum += sign * s.rttNanos();
            if (s.jitterNanos() >= 0) {
                jitterSum += sign * s.jitterNanos();
                jitterCount += sign;
            }
        }
    }

    private long percentile95() {
        long[] rtts = new long[answered];
        int i = 0;
        for (Sample s : samples) {
            if (s.ok()) {
                rtts[i++] = s.rttNanos();
            }
        }
        Arrays.sort(rtts);
        return rtts[Math.max(0, (int) Math.ceil(0.95 * answered) - 1)];
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
