package dev.vigil.collector.store;

import java.time.Instant;

/**
 * A page of the audit log, newest first. Every field but {@code limit} may be null (no filter).
 *
 * @param kind an exact kind, or a prefix ending in a dot ({@code login.})
 * @param before an entry id: only older entries (the next page)
 * @param customer only this customer's entries (a customer's user); null for MSP staff
 * @param sitesOnly only entries about a site (what viewers may see)
 */
public record AuditQuery(
        String site,
        String actor,
        String kind,
        Instant from,
        Instant to,
        String before,
        int limit,
        String customer,
        boolean sitesOnly) {}
