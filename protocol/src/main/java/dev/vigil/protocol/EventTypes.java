package dev.vigil.protocol;

import java.util.List;

/**
 * The {@code type} of every event an agent publishes (docs/events.md), one name for agent, collector and tests. A
 * collector still stores a type it does not know: new agents may send new ones.
 */
public final class EventTypes {
    public static final String AGENT_STARTED = "agent.started";
    public static final String AGENT_STOPPING = "agent.stopping";
    public static final String AGENT_OUTBOX_DROPPED = "agent.outbox_dropped";

    public static final String VRRP_MASTER_ELECTED = "vrrp.master_elected";
    public static final String VRRP_MASTER_CHANGED = "vrrp.master_changed";
    public static final String VRRP_MASTER_LOST = "vrrp.master_lost";
    public static final String VRRP_PRIORITY_CHANGED = "vrrp.priority_changed";
    public static final String VRRP_SPLIT_BRAIN = "vrrp.split_brain";
    public static final String VRRP_SPLIT_BRAIN_CLEARED = "vrrp.split_brain_cleared";
    public static final String VRRP_CONFIG_MISMATCH = "vrrp.config_mismatch";
    public static final String VRRP_FLAPPING = "vrrp.flapping";
    public static final String VRRP_INVALID = "vrrp.invalid";

    public static final String WAN_UP = "wan.up";
    public static final String WAN_DOWN = "wan.down";
    public static final String WAN_DEGRADED = "wan.degraded";
    public static final String CHECK_FAILED = "check.failed";
    public static final String CHECK_RECOVERED = "check.recovered";

    public static final String ROUTER_REACHABLE = "router.reachable";
    public static final String ROUTER_UNREACHABLE = "router.unreachable";
    public static final String ROUTER_VRRP_STATE = "router.vrrp_state";
    public static final String ROUTER_ROUTE_INACTIVE = "router.route_inactive";

    public static final String ACTION_EXECUTED = "action.executed";
    public static final String ACTION_FAILED = "action.failed";
    public static final String ACTION_SKIPPED = "action.skipped";

    public static final String COMMAND_REJECTED = "command.rejected";
    public static final String COMMAND_COMPLETED = "command.completed";
    public static final String COMMAND_FAILED = "command.failed";
    public static final String REPAIRS_PAUSED = "repairs.paused";
    public static final String REPAIRS_RESUMED = "repairs.resumed";
    public static final String DRILL_COMPLETED = "drill.completed";

    public static final String CONFIG_EXPORTED = "config.exported";
    public static final String CONFIG_EXPORT_FAILED = "config.export_failed";

    /** Every type above, in the order of docs/events.md's sections. */
    public static final List<String> ALL = List.of(
            AGENT_STARTED,
            AGENT_STOPPING,
            AGENT_OUTBOX_DROPPED,
            VRRP_MASTER_ELECTED,
            VRRP_MASTER_CHANGED,
            VRRP_MASTER_LOST,
            VRRP_PRIORITY_CHANGED,
            VRRP_SPLIT_BRAIN,
            VRRP_SPLIT_BRAIN_CLEARED,
            VRRP_CONFIG_MISMATCH,
            VRRP_FLAPPING,
            VRRP_INVALID,
            WAN_UP,
            WAN_DOWN,
            WAN_DEGRADED,
            CHECK_FAILED,
            CHECK_RECOVERED,
            ROUTER_REACHABLE,
            ROUTER_UNREACHABLE,
            ROUTER_VRRP_STATE,
            ROUTER_ROUTE_INACTIVE,
            ACTION_EXECUTED,
            ACTION_FAILED,
            ACTION_SKIPPED,
            COMMAND_REJECTED,
            COMMAND_COMPLETED,
            COMMAND_FAILED,
            REPAIRS_PAUSED,
            REPAIRS_RESUMED,
            DRILL_COMPLETED,
            CONFIG_EXPORTED,
            CONFIG_EXPORT_FAILED);

    private EventTypes() {}
}
