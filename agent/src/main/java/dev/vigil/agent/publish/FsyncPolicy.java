package dev.vigil.agent.publish;

import java.util.Locale;

/** When the outbox forces appended records to the storage device. */
public enum FsyncPolicy {
    /** After every record, before the append returns: nothing accepted is lost on power loss. */
    ALWAYS,
    /** Group commit every {@code fsync_interval} or {@code fsync_batch} records, whichever comes first. */
    BATCH,
    /** Left to the operating system; a power loss can lose what it had not written yet. */
    NEVER;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
