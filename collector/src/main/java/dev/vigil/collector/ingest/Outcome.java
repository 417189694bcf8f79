package dev.vigil.collector.ingest;

/**
 * What ingest did with one message.
 *
 * @param reason for {@link Verdict#REJECTED} and {@link Verdict#FAILED}: why, for counters and logs
 */
public record Outcome(Verdict verdict, String reason) {
    public enum Verdict {
        /** Validated and committed to the store. */
        STORED,
        /** An event whose id is stored already (a retry): acknowledged, not processed again. */
        DUPLICATE,
        /** An empty retained message that clears the topic. */
        CLEARED,
        /** Does not satisfy the contract; acknowledged so the sender does not retry it forever, counted. */
        REJECTED,
        /** The store failed; not acknowledged so the sender retries. */
        FAILED
    }

    public static final Outcome STORED = new Outcome(Verdict.STORED, null);
    public static final Outcome DUPLICATE = new Outcome(Verdict.DUPLICATE, null);
    public static final Outcome CLEARED = new Outcome(Verdict.CLEARED, null);

    public static Outcome rejected(String reason) {
        return new Outcome(Verdict.REJECTED, reason);
    }

    public boolean routable() {
        return verdict == Verdict.STORED || verdict == Verdict.CLEARED;
    }
}
