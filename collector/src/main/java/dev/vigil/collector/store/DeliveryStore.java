package dev.vigil.collector.store;

import java.util.List;

/** The delivery log. Blocking: call from a worker. */
public interface DeliveryStore {
    void record(DeliveryRecord attempt);

    /** Deletes the attempts made before {@code cutoff}; returns how many. */
    int purgeBefore(java.time.Instant cutoff);

    /** Newest first; null filters match everything. */
    List<DeliveryRecord> list(String alertId, String channelId, int limit);
}
