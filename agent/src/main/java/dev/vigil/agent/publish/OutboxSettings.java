package dev.vigil.agent.publish;

import java.time.Duration;

/**
 * How the outbox stores records.
 *
 * @param maxBytes bound on bytes held by undelivered records
 * @param fsync when records are forced to disk
 * @param fsyncInterval group commit period for {@link FsyncPolicy#BATCH}
 * @param fsyncBatch group commit after this many records for {@link FsyncPolicy#BATCH}, if sooner
 * @param segmentBytes size at which a new segment file is started
 */
public record OutboxSettings(
        long maxBytes, FsyncPolicy fsync, Duration fsyncInterval, int fsyncBatch, long segmentBytes) {

    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(50);
    public static final int DEFAULT_FSYNC_BATCH = 256;
    public static final long MAX_SEGMENT_BYTES = 4L * 1024 * 1024;

    /** Settings with the segment size derived from the bound: a quarter of it, at most 4 MB. */
    public static OutboxSettings of(long maxBytes, FsyncPolicy fsync, Duration fsyncInterval, int fsyncBatch) {
        long segment = Math.max(64 * 1024, Math.min(MAX_SEGMENT_BYTES, maxBytes / 4));
        return new OutboxSettings(maxBytes, fsync, fsyncInterval, fsyncBatch, segment);
    }

    public static OutboxSettings defaults() {
        return of(DEFAULT_MAX_BYTES, FsyncPolicy.BATCH, DEFAULT_FSYNC_INTERVAL, DEFAULT_FSYNC_BATCH);
    }
}
