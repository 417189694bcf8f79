package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;

/** The state-changing events of a site, for availability reports. Blocking: call from a worker. */
public interface StateChangeStore {
    /** The event types read, from docs/events.md. */
    List<String> TYPES = List.of(
            "wan.down",
            "wan.up",
            "wan.degraded",
            "vrrp.master_elected",
            "vrrp.master_changed",
            "vrrp.master_lost",
            "action.executed");

    /**
     * @param before the newest change of each subject before {@code from} (the state at the start), looked for among
     *     the newest {@link #LOOKBACK} changes before it
     * @param within the changes with {@code from <= time < to}, oldest first
     */
    record Changes(List<StateChange> before, List<StateChange> within) {}

    int LOOKBACK = 2000;

    Changes between(String site, Instant from, Instant to);

    /** True when any event of the site was ever stored (retention may have removed them since). */
    boolean everStored(String site);
}
