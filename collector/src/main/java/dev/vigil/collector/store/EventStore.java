package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;

/** The events of every site, de-duplicated by id. Blocking: call from a worker. */
public interface EventStore {
    /**
     * Stores the events in one transaction.
     *
     * @return per event, true when it was new, false when an event with its id was already stored
     */
    List<Boolean> append(List<StoredEvent> events);

    EventPage find(EventQuery query);

    /** Deletes events received before the instant; returns how many. */
    int purgeReceivedBefore(Instant instant);

    long count();
}
