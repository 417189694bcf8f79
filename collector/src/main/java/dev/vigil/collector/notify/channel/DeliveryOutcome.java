package dev.vigil.collector.notify.channel;

/** The outcome words of the delivery log and the metrics. */
final class DeliveryOutcome {
    static final String DELIVERED = "delivered";
    /** Failed, another attempt is scheduled. */
    static final String RETRYING = "retrying";
    /** Failed for good: a permanent error or the last attempt. */
    static final String FAILED = "failed";
    /** Never attempted: the channel's queue was full or the channel was deleted. */
    static final String DROPPED = "dropped";

    private DeliveryOutcome() {}
}
