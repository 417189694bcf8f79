package dev.vigil.agent.publish;

import java.io.IOException;

/** The outbox refused a record because it would exceed {@code outbox.max_bytes}. */
public final class OutboxFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutboxFullException(long bytes, long maxBytes, int recordBytes) {
        super("outbox full: " + bytes + " of " + maxBytes + " bytes used, a record of " + recordBytes
                + " bytes does not fit until the broker acknowledges older events");
    }
}
