package dev.vigil.collector.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A command the collector sent and what became of it.
 *
 * @param status {@link #SENT}, {@link #COMPLETED}, {@link #FAILED}, {@link #REJECTED} or {@link #EXPIRED}
 * @param reason why it failed or was refused (the agent's reason word), else null
 * @param result what the agent reported with {@code command.completed}, else null
 * @param drill the {@code drill.completed} data of a failover drill, else null
 * @param envelope the signed command as published
 */
public record CommandRecord(
        String id,
        String site,
        String action,
        ObjectNode args,
        String issuer,
        Instant issuedAt,
        Instant expiresAt,
        String status,
        String reason,
        String detail,
        ObjectNode result,
        ObjectNode drill,
        Instant updatedAt,
        String envelope) {
    public static final String SENT = "sent";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";

    public boolean answered() {
        return !SENT.equals(status);
    }
}
