package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;

/** Ends a command in {@code command.failed}: a short {@code reason} word, a readable detail, optional data. */
public final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final transient ObjectNode data;

    public CommandFailedException(String reason, String detail) {
        this(reason, detail, Json.object());
    }

    public CommandFailedException(String reason, String detail, ObjectNode data) {
        super(detail);
        this.reason = reason;
        this.data = data;
    }

    /** e.g. {@code unhealthy_pair}, {@code router_unreachable}, {@code export_refused}. */
    public String reason() {
        return reason;
    }

    /** Extra fields for the event's data (e.g. the state the pair was left in). */
    public ObjectNode data() {
        return data;
    }
}
