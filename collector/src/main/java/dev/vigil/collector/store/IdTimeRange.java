package dev.vigil.collector.store;

/**
 * How far the time in the ids of a site's events lies from their event time ({@code id − time}) and from their
 * receipt ({@code id − received_at}), in milliseconds: {@code [timeMin, timeMax]} and at most {@code receiptMax}.
 * Padded to whole seconds, so that the usual jitter does not widen it again and again.
 */
record IdTimeRange(long timeMin, long timeMax, long receiptMax) {
    private static final long PAD_MS = 1000;

    /** For an id that is not a ULID: no bound. */
    static final IdTimeRange UNBOUNDED = new IdTimeRange(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    static IdTimeRange of(StoredEvent stored) {
        long id = EventIdTime.millis(stored.event().id());
        if (id < 0) {
            return UNBOUNDED;
        }
        long time = id - stored.event().time().toEpochMilli();
        long receipt = id - stored.receivedAt().toEpochMilli();
        return new IdTimeRange(
                Math.floorDiv(time, PAD_MS) * PAD_MS - PAD_MS,
                Math.floorDiv(time, PAD_MS) * PAD_MS + 2 * PAD_MS,
                Math.floorDiv(receipt, PAD_MS) * PAD_MS + 2 * PAD_MS);
    }

    boolean covers(IdTimeRange other) {
        return timeMin <= other.timeMin && timeMax >= other.timeMax && receiptMax >= other.receiptMax;
    }

    IdTimeRange union(IdTimeRange other) {
        return new IdTimeRange(
                Math.min(timeMin, other.timeMin),
                Math.max(timeMax, other.timeMax),
                Math.max(receiptMax, other.receiptMax));
    }

    /** The smallest id an event at or after {@code from} can have, or null for no bound. */
    String idFrom(long from) {
        long millis = saturatedAdd(from, timeMin);
        return millis <= 0 ? null : EventIdTime.first(Math.min(millis, EventIdTime.MAX_MILLIS));
    }

    /** An id every event at or before {@code to} sorts before, or null for no bound. */
    String idAfter(long to) {
        long millis = saturatedAdd(saturatedAdd(to, timeMax), 1);
        return millis > EventIdTime.MAX_MILLIS ? null : EventIdTime.first(Math.max(millis, 0));
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
