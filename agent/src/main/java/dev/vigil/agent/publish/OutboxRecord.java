package dev.vigil.agent.publish;

/**
 * One record of the outbox.
 *
 * @param seq the sequence number the outbox assigned
 * @param start logical byte offset of the record
 * @param end logical byte offset just past it
 * @param payload the bytes to publish
 */
public record OutboxRecord(long seq, long start, long end, byte[] payload) {
    public long size() {
        return end - start;
    }
}
