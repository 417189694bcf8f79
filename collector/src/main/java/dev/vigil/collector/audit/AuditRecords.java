package dev.vigil.collector.audit;

import dev.vigil.collector.store.AuditRecord;
import dev.vigil.protocol.Json;
import java.time.Instant;

/** An entry as a stored line: its id, the column limits, details that fit the column. */
final class AuditRecords {
    static final int MAX_DETAILS = 8000;

    private AuditRecords() {}

    static AuditRecord of(AuditEntry e, Instant time, String tail, String customer) {
        String details = e.details().toString();
        if (details.length() > MAX_DETAILS) {
            details = Json.object().put("truncated", true).toString();
        }
        return new AuditRecord(
                String.format(java.util.Locale.ROOT, "%013d-%s", time.toEpochMilli(), cut(tail, 100)),
                time,
                cut(e.kind(), 64),
                cut(e.actor() == null ? "collector" : e.actor(), 200),
                cut(e.site(), 100),
                customer,
                cut(e.outcome() == null ? "ok" : e.outcome(), 32),
                cut(e.summary() == null ? "" : e.summary(), 1000),
                details,
                cut(e.source(), 64));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
