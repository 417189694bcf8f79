package dev.vigil.agent.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a part of the agent (observer, tracker, poller, policy) concluded, before the publisher stamps it with
 * the site, a sequence number and an id to make it an {@link dev.vigil.protocol.Event}. Types, subjects and data keys
 * follow {@code docs/events.md}.
 */
public record Observation(Instant time, String type, Severity severity, String subject, ObjectNode data) {
    public Observation {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        data = data == null ? Json.object() : data;
    }
}
