package dev.vigil.collector.store;

import java.time.Instant;

/**
 * One stored line of the audit log (docs/audit.md).
 *
 * @param id time-sortable: the time in milliseconds, zero-padded to 13 digits, a dash and a unique tail
 * @param customer the customer whose users may see it, null for MSP staff only
 * @param details JSON object text
 * @param source the client address, or null
 */
public record AuditRecord(
        String id,
        Instant time,
        String kind,
        String actor,
        String site,
        String customer,
        String outcome,
        String summary,
        String details,
        String source) {}
