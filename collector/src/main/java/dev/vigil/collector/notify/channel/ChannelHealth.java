package dev.vigil.collector.notify.channel;

import java.time.Instant;

/**
 * How a channel's recent deliveries went.
 *
 * @param consecutiveFailures failed attempts since the last delivered one
 * @param lastOutcome {@code delivered}, {@code retrying}, {@code failed}, {@code dropped}; null before any attempt
 */
public record ChannelHealth(int consecutiveFailures, String lastOutcome, String lastDetail, Instant lastAttemptAt) {
    /** Failed attempts in a row after which a channel counts as failing (about 2 min of retries at the default). */
    public static final int FAILING_AFTER = 5;

    public static final ChannelHealth UNKNOWN = new ChannelHealth(0, null, null, null);

    public boolean failing() {
        return consecutiveFailures >= FAILING_AFTER;
    }

    public String state() {
        return lastOutcome == null ? "unknown" : failing() ? "failing" : "ok";
    }

    ChannelHealth after(String outcome, String detail, Instant at) {
        boolean ok = outcome.equals(DeliveryOutcome.DELIVERED);
        return new ChannelHealth(ok ? 0 : consecutiveFailures + 1, outcome, detail, at);
    }
}
