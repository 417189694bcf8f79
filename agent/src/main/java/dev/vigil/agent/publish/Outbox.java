package dev.vigil.agent.publish;

import java.io.IOException;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Events on their way to the broker, kept on local disk: appended before they are published, removed only after the
 * broker acknowledged them, handed out in append order. The outbox numbers its records; that number is the event's
 * {@code seq}, monotonic across restarts.
 */
public interface Outbox extends AutoCloseable {

    /**
     * Appends one record built from the sequence number the outbox assigns to it.
     *
     * @return the assigned sequence number
     * @throws OutboxFullException when the record would take the outbox over its size bound; nothing was written
     * @throws IOException when the disk refused the write; nothing was written
     */
    long append(LongFunction<byte[]> payloadForSeq) throws IOException;

    /** A new cursor over the records not yet acknowledged, oldest first, that are durable under the fsync policy. */
    Reader reader();

    /** Removes a record the broker acknowledged; records are acknowledged one by one in order. */
    void acknowledge(OutboxRecord record);

    /** Records appended and not yet acknowledged. */
    long depth();

    /** Bytes on disk held by records not yet acknowledged. */
    long bytes();

    long maxBytes();

    /** Called (outside any lock) when records become durable or space is freed. */
    void addListener(Runnable onChange);

    @Override
    void close();

    /** A read cursor; each publisher connection starts its own from the oldest unacknowledged record. */
    interface Reader extends AutoCloseable {
        /** Up to {@code max} further records; empty when none is durable yet. */
        List<OutboxRecord> next(int max) throws IOException;

        @Override
        void close();
    }
}
