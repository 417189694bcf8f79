package dev.vigil.collector.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;

/**
 * One line of the audit log.
 *
 * @param kind what happened, dotted: {@code login.succeeded}, {@code login.failed}, {@code alert.acknowledged},
 *     {@code alert.snoozed}, {@code maintenance.created}, {@code command.sent}, {@code command.completed},
 *     {@code user.created}, {@code site.created}, {@code channel.added}, {@code agent.action_executed}, …
 * @param actor who: a user name, {@code token:<name>}, {@code agent:<site>} or {@code collector}
 * @param site the site it concerns, or null
 * @param outcome {@code ok}, {@code denied}, {@code failed}, …
 * @param summary one readable line, no secrets
 * @param details structured fields, no secrets
 */
public record AuditEntry(String kind, String actor, String site, String outcome, String summary, ObjectNode details) {
    public AuditEntry {
        details = details == null ? Json.object() : details;
    }
}
