package dev.vigil.collector.store;

import java.time.Instant;

/**
 * One committed change in the order of its commit (PostgreSQL only): an event, a status or state snapshot, a
 * site's metrics, an alert change, or a new site.
 *
 * @param kind {@code event}, {@code status}, {@code state}, {@code metrics}, {@code alert} or {@code site}
 * @param body the payload as received, or the alert's id for {@code alert}, the site's tags (one a line) for {@code site}
 */
public record FeedRow(long seq, String site, String kind, String body, Instant received) {
    public static final String EVENT = "event";
    public static final String STATUS = "status";
    public static final String STATE = "state";
    public static final String ALERT = "alert";
    public static final String SITE = "site";
    public static final String METRICS = "metrics";
}
