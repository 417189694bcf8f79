package dev.vigil.collector.store;

import java.util.List;
import java.util.Optional;

/** Alerts by id. Blocking: call from a worker. */
public interface AlertStore {
    void save(AlertRecord alert);

    Optional<AlertRecord> find(String id);

    /** Newest first; any filter may be null. */
    List<AlertRecord> list(String state, String site, String severity, int limit);
}
