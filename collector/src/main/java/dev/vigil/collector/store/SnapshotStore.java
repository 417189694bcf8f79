package dev.vigil.collector.store;

import java.util.List;
import java.util.Map;

/** Latest status/state per site and the usual VRRP master per group. Blocking: call from a worker. */
public interface SnapshotStore {
    void put(Snapshot snapshot);

    List<Snapshot> all();

    /** Records the usual master of a VRRP group unless one is known; returns the usual master. */
    String baseline(String site, String group, String master);

    /** site → (group → usual master). */
    Map<String, Map<String, String>> baselines();
}
