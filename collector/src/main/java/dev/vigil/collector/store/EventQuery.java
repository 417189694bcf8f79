package dev.vigil.collector.store;

import java.time.Instant;

/**
 * A page of one site's events, newest first.
 *
 * @param type exact type, or a prefix ending in {@code .*}; null for all
 * @param before an event id: only events older than it (the paging cursor); null for the newest
 */
public record EventQuery(String site, Instant from, Instant to, String type, int limit, String before) {
    public static final int MAX_LIMIT = 1000;
}
