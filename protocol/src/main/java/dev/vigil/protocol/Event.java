package dev.vigil.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened at a site, as published on {@code vigil/v1/sites/{site}/events}.
 *
 * @param v schema version, {@link Protocol#SCHEMA_VERSION}
 * @param id unique and time-sortable (a ULID, see {@link EventIds}); the collector de-duplicates by it
 * @param site the site id
 * @param seq per-agent monotonic sequence number
 * @param time when it happened (for observations replayed from a capture: the capture's time)
 * @param type dotted type, e.g. {@code vrrp.master_changed}, {@code wan.down}, {@code action.executed}
 * @param severity how much it matters
 * @param subject what it is about, e.g. {@code vrrp/eth0/IPv4/10}, {@code wan/wan1}, {@code router/router-a}
 * @param data type-specific fields (snake_case keys)
 */
public record Event(
        int v,
        String id,
        String site,
        long seq,
        Instant time,
        String type,
        Severity severity,
        String subject,
        ObjectNode data) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        data = data == null ? Json.object() : data;
    }

    /** A new event of the current schema version. */
    public static Event of(
            String id,
            String site,
            long seq,
            Instant time,
            String type,
            Severity severity,
            String subject,
            ObjectNode data) {
        return new Event(Protocol.SCHEMA_VERSION, id, site, seq, time, type, severity, subject, data);
    }
}
