package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;

/**
 * At the agent's start: a {@link DrillRestoreRecord} left behind means the agent died between a drill's demotion and
 * its restore. The original priority is written back the way the drill's own restore does it, and a warning
 * {@code drill.completed} with {@code reason: interrupted} says whether it worked. A failed restore keeps the record
 * for the next start; an unreadable record is moved aside and reported.
 */
final class InterruptedDrill {
    static final String REASON = "interrupted";
    private static final System.Logger LOG = System.getLogger(InterruptedDrill.class.getName());

    private InterruptedDrill() {}

    static void restore(DrillParts parts) {
        Path dir = parts.stateDir();
        Optional<DrillRestoreRecord> found;
        try {
            found = DrillRestoreRecord.read(dir);
        } catch (DrillRestoreRecord.UnreadableException e) {
            unreadable(parts, e.getMessage());
            return;
        } catch (IOException e) {
            report(
                    parts,
                    null,
                    Json.object(),
                    "cannot read " + dir.resolve(DrillRestoreRecord.FILE) + ": "
                            + e.getMessage()
                            + "; a failover drill may have been interrupted: check the VRRP priorities of"
                            + " the routers by hand");
            return;
        }
        found.ifPresent(record -> restore(parts, record));
    }

    private static void restore(DrillParts parts, DrillRestoreRecord record) {
        ObjectNode data = Json.object()
                .put("from_router", record.router())
                .put("to_router", record.toRouter())
                .put("original_priority", record.originalPriority())
                .put("demoted_to", record.demotedTo())
                .put("interrupted_at", record.at().toString());
        String stopped = "the agent stopped during failover drill " + record.commandId() + " (demotion of "
                + record.router() + " at " + record.at() + ")";
        if (!parts.routers().containsKey(record.router())) {
            report(
                    parts,
                    record.commandId(),
                    data.put("restored", false),
                    stopped + "; " + record.router() + " is no longer in routers[]: restore it by hand ("
                            + record.handFix() + ")");
            return;
        }
        LOG.log(Level.WARNING, stopped + ": restoring its priority to " + record.originalPriority());
        DrillRun.Restored restored = DrillRun.restorePriority(
                parts,
                DrillRun.actions(parts),
                DrillRun.change(
                        record.router(),
                        record.vrrpId(),
                        record.vrrpName(),
                        record.originalPriority(),
                        "failover drill " + record.commandId() + ": restore after the agent stopped mid-drill"));
        data.put("restored", restored.done()).put("restore_attempts", restored.attempts());
        if (!restored.done()) {
            report(
                    parts,
                    record.commandId(),
                    data,
                    stopped + "; its priority could not be restored to "
                            + record.originalPriority() + " in " + restored.attempts() + " attempts within "
                            + parts.restoreTimeout().toSeconds()
                            + " s; the agent tries again at its next start, or restore"
                            + " it by hand (" + record.handFix() + ")");
            return;
        }
        try {
            DrillRestoreRecord.delete(parts.stateDir());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete the drill record in " + parts.stateDir() + ": " + e.getMessage());
        }
        report(parts, record.commandId(), data, stopped + "; its priority is restored to " + record.originalPriority());
    }

    private static void unreadable(DrillParts parts, String problem) {
        String where;
        try {
            where = "moved to "
                    + DrillRestoreRecord.moveAside(
                            parts.stateDir(), parts.clock().instant());
        } catch (IOException e) {
            where = "cannot move it aside (" + e.getMessage() + ")";
        }
        report(
                parts,
                null,
                Json.object().put("restored", false),
                problem + "; " + where + "; a failover drill may have been interrupted:"
                        + " check the VRRP priorities of the routers by hand");
    }

    /** {@code commandId} null: the record could not be read. */
    private static void report(DrillParts parts, String commandId, ObjectNode data, String detail) {
        LOG.log(Level.WARNING, detail);
        ObjectNode result = Json.object();
        if (commandId != null) {
            result.put("command_id", commandId);
        }
        result.put("passed", false).put("reason", REASON).put("detail", detail);
        result.setAll(data);
        parts.sink()
                .accept(new Observation(
                        parts.clock().instant(),
                        EventTypes.DRILL_COMPLETED,
                        Severity.WARNING,
                        "command/" + (commandId == null ? "unknown" : commandId),
                        result));
    }
}
