package dev.vigil.collector.store;

import dev.vigil.protocol.Event;
import java.time.Instant;

/**
 * An event as the collector keeps it.
 *
 * @param json the event exactly as encoded by the contract's codec
 */
public record StoredEvent(Event event, String json, Instant receivedAt) {}
