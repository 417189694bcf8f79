package dev.vigil.collector.ingest;

import dev.vigil.protocol.Event;
import java.time.Instant;
import java.util.List;

/**
 * Told of every event this collector committed for the first time (duplicates are not repeated), after the commit,
 * on the ingest context: must not block. With several collectors each event is committed, and so told, by one of
 * them; after a crash an event may be told again, so listeners are idempotent by event id.
 */
public interface StoredEventListener {
    void stored(Event event, Instant received);

    static StoredEventListener all(List<StoredEventListener> listeners) {
        List<StoredEventListener> copy = List.copyOf(listeners);
        return (event, received) -> copy.forEach(l -> l.stored(event, received));
    }
}
