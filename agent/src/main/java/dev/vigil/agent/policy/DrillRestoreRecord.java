package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.agent.io.DurableFiles;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What a failover drill must undo, kept in {@code {commands.state_dir}/failover-drill-restore.json} from just before
 * the master is demoted until its original priority is back, so that an agent killed mid-drill restores it at its next
 * start.
 *
 * @param router the demoted master
 * @param toRouter the backup that took over
 * @param vrrpId {@code .id} of the VRRP instance whose priority was lowered
 * @param vrrpName its name
 * @param at when the demotion was about to be written
 */
record DrillRestoreRecord(
        String commandId,
        String router,
        String toRouter,
        String vrrpId,
        String vrrpName,
        int originalPriority,
        int demotedTo,
        Instant at) {
    static final String FILE = "failover-drill-restore.json";

    /** The record cannot be read back: not JSON, or a field missing or of the wrong kind. */
    static final class UnreadableException extends IOException {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Temporary file, fsync, atomic rename, fsync of the directory (created when missing). */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        String json = Json.object()
                .put("command_id", commandId)
                .put("router", router)
                .put("to_router", toRouter)
                .put("vrrp_id", vrrpId)
                .put("vrrp_name", vrrpName)
                .put("original_priority", originalPriority)
                .put("demoted_to", demotedTo)
                .put("at", at.toString())
                .toString();
        DurableFiles.replace(file, json);
    }

    /** The record left in {@code dir}, if any. */
    static Optional<DrillRestoreRecord> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JsonNode n = json(text);
            return Optional.of(new DrillRestoreRecord(
                    text(n, "command_id"),
                    text(n, "router"),
                    text(n, "to_router"),
                    text(n, "vrrp_id"),
                    text(n, "vrrp_name"),
                    number(n, "original_priority"),
                    number(n, "demoted_to"),
                    Instant.parse(text(n, "at"))));
        } catch (RuntimeException e) {
            throw new UnreadableException(file + " is not a failover drill record: " + e.getMessage(), e);
        }
    }

    /** Removes the record of {@code dir} (nothing left to undo). */
    static void delete(Path dir) throws IOException {
        if (Files.deleteIfExists(dir.resolve(FILE))) {
            DurableFiles.syncDirectory(dir);
        }
    }

    /** Renames an unreadable record to {@code failover-drill-restore.json.unreadable-EPOCHMS}, kept for a human. */
    static Path moveAside(Path dir, Instant now) throws IOException {
        Path aside = dir.resolve(FILE + ".unreadable-" + now.toEpochMilli());
        Files.move(dir.resolve(FILE), aside, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(dir);
        return aside;
    }

    /** What an operator types on the router when the agent could not restore it. */
    String handFix() {
        return "/interface/vrrp set " + vrrpName + " priority=" + originalPriority + " on " + router;
    }

    private static JsonNode json(String text) {
        try {
            return WireCodec.readTree(text);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.asText();
    }

    private static int number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("no whole number " + field);
        }
        return value.intValue();
    }
}
