package dev.vigil.collector.store;

import dev.vigil.protocol.EventTypes;
import java.time.Instant;
import java.util.List;

/** The state-changing events of a site, for availability reports. Blocking: call from a worker. */
public interface StateChangeStore {
    /** The event types read, from docs/events.md. */
    List<String> TYPES = List.of(
            EventTypes.WAN_DOWN,
            EventTypes.WAN_UP,
            EventTypes.WAN_DEGRADED,
            EventTypes.VRRP_MASTER_ELECTED,
            EventTypes.VRRP_MASTER_CHANGED,
            EventTypes.VRRP_MASTER_LOST,
            EventTypes.ACTION_EXECUTED);

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
