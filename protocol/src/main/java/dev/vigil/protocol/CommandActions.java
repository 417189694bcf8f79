package dev.vigil.protocol;

import java.util.List;

/** The {@code action} of every command an agent runs (docs/commands.md). */
public final class CommandActions {
    /** {@code {"until": RFC 3339}}: the failover policy acts on nothing automatic until then. */
    public static final String PAUSE_REPAIRS = "pause_repairs";

    public static final String RESUME_REPAIRS = "resume_repairs";
    /** {@code {"hold_s": 1..600}}: demote the master, measure the takeover, hold, restore. */
    public static final String FAILOVER_DRILL = "failover_drill";
    /** Runs every WAN probe and polls every router now. */
    public static final String PROBE_NOW = "probe_now";
    /** Publishes the site state (and status) again. */
    public static final String REFRESH_STATE = "refresh_state";
    /** Exports every router's configuration now ({@code {"router": name}} for one). */
    public static final String BACKUP_CONFIG = "backup_config";

    public static final List<String> ALL =
            List.of(PAUSE_REPAIRS, RESUME_REPAIRS, FAILOVER_DRILL, PROBE_NOW, REFRESH_STATE, BACKUP_CONFIG);

    private CommandActions() {}
}
