package dev.vigil.agent.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The outcome of one probe attempt.
 *
 * @param ok whether the target answered as expected within the timeout
 * @param rtt time from sending to the answer; null when not ok
 * @param error why it failed, in words fit for an event; null when ok
 * @param responder who answered (an address, or the URL/resolver for application probes); null when nobody did
 */
public record ProbeResult(boolean ok, Duration rtt, String error, String responder) {
    public ProbeResult {
        if (ok) {
            Objects.requireNonNull(rtt, "rtt");
        } else {
            Objects.requireNonNull(error, "error");
        }
    }

    public static ProbeResult success(Duration rtt, String responder) {
        return new ProbeResult(true, rtt, null, responder);
    }

    public static ProbeResult failure(String error) {
        return new ProbeResult(false, null, error, null);
    }

    public static CompletableFuture<ProbeResult> failedStage(String error) {
        return CompletableFuture.completedFuture(failure(error));
    }
}
