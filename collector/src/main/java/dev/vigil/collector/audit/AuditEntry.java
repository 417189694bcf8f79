package dev.vigil.collector.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;

/**
 * One line of the audit log (docs/audit.md lists the kinds).
 *
 * @param kind what happened, dotted: {@code login.succeeded}, {@code login.failed}, {@code alert.acknowledged},
 *     {@code alert.snoozed}, {@code maintenance.created}, {@code command.sent}, {@code command.completed},
 *     {@code user.created}, {@code site.created}, {@code channel.added}, {@code action.executed}, …
 * @param actor who: a user name, {@code agent:<site>}, {@code ack-link} or {@code collector}
 * @param site the site it concerns, or null
 * @param outcome {@code ok}, {@code denied}, {@code failed}, …
 * @param summary one readable line, no secrets
 * @param details structured fields, no secrets
 * @param source the client's address where there is one, or null
 */
public record AuditEntry(
        String kind, String actor, String site, String outcome, String summary, ObjectNode details, String source) {
    public AuditEntry {
        details = details == null ? Json.object() : details;
    }

    /** An entry without a client address. */
    public AuditEntry(String kind, String actor, String site, String outcome, String summary, ObjectNode details) {
        this(kind, actor, site, outcome, summary, details, null);
    }
}
