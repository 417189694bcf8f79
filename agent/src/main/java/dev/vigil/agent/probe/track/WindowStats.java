package dev.vigil.agent.probe.track;

/**
 * Figures of a sliding window. RTT figures are null when no probe in the window was answered.
 *
 * @param samples probes in the window
 * @param lossPct share of them that failed, 0–100
 * @param rttMs average RTT of the answered ones
 * @param rttP95Ms 95th percentile RTT (nearest rank)
 * @param jitterMs mean absolute difference between consecutive RTTs of the same target (RFC 3550 idea, unsmoothed)
 */
public record WindowStats(int samples, double lossPct, Double rttMs, Double rttP95Ms, Double jitterMs) {
    public static final WindowStats EMPTY = new WindowStats(0, 0, null, null, null);
}
