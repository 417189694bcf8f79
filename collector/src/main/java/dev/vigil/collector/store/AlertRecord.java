package dev.vigil.collector.store;

import dev.vigil.protocol.Severity;
import java.time.Instant;

/**
 * An alert as stored: the wire {@code Alert} plus what the collector needs to de-duplicate and acknowledge it.
 *
 * @param subject what the alert is about (one non-resolved alert per site + rule + subject)
 * @param state {@code open}, {@code acknowledged}, {@code resolved}
 */
public record AlertRecord(
        String id,
        String site,
        String rule,
        String subject,
        Severity severity,
        String state,
        String title,
        String body,
        String link,
        Instant openedAt,
        Instant updatedAt,
        String acknowledgedBy) {

    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    public boolean resolved() {
        return RESOLVED.equals(state);
    }

    public String key() {
        return site + "\n" + rule + "\n" + subject;
    }

    public AlertRecord with(String newState, String newBody, Instant at, String ackBy) {
        return new AlertRecord(id, site, rule, subject, severity, newState, title, newBody, link, openedAt, at, ackBy);
    }
}
