package dev.vigil.agent.routeros;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@code /ping} run on the router.
 *
 * @param rtts one entry per reply received, in order
 */
public record RouterPing(String target, int sent, int received, List<Duration> rtts) {
    public RouterPing {
        rtts = List.copyOf(rtts);
    }

    public double lossPercent() {
        return sent == 0 ? 100.0 : 100.0 * (sent - received) / sent;
    }
}
