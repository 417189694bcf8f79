package dev.vigil.agent.routeros;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@code /ping} run on the router.
 *
 * @param rtts one entry per reply received, in order
 * @param error why the ping could not run (router unreachable, refused...); null when it ran
 */
public record RouterPing(String target, int sent, int received, List<Duration> rtts, String error) {
    public RouterPing {
        rtts = List.copyOf(rtts);
    }

    static RouterPing failed(String target, String error) {
        return new RouterPing(target, 0, 0, List.of(), error);
    }

    public double lossPercent() {
        return sent == 0 ? 100.0 : 100.0 * (sent - received) / sent;
    }

    /** The mean round-trip time of the replies; null when none came. */
    public Duration rttAvg() {
        return rtts.isEmpty()
                ? null
                : Duration.ofNanos(Math.round(
                        rtts.stream().mapToLong(Duration::toNanos).average().orElse(0)));
    }
}
