package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.io.DurableFiles;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A pause of repairs asked for by a command ({@code pause_repairs}): until it ends, the failover policy still
 * evaluates but performs nothing automatic, reporting each change it would have made as {@code action.skipped}. Kept
 * in a file so that it survives a restart; ends by {@code resume_repairs} or when its time runs out, either way with
 * {@code repairs.resumed}.
 */
public final class RepairPause {
    static final String FILE = "repairs-pause.json";
    private static final Logger LOG = System.getLogger(RepairPause.class.getName());

    /** The pause in effect: until when, who asked, by which command. */
    public record Pause(Instant until, String issuer, String commandId) {}

    private final Path file;
    private final ObservationSink sink;
    private final Clock clock;
    private Pause current;

    private RepairPause(Path file, ObservationSink sink, Clock clock) {
        this.file = file;
        this.sink = sink;
        this.clock = clock;
    }

    /** Never paused and never stored: for tests and tools without a state directory. */
    public static RepairPause inMemory(ObservationSink sink, Clock clock) {
        return new RepairPause(null, sink, clock);
    }

    /** Reads a stored pause from {@code dir}; one that ran out while the agent was stopped ends now. */
    public static RepairPause open(Path dir, ObservationSink sink, Clock clock) throws IOException {
        Files.createDirectories(dir);
        RepairPause pause = new RepairPause(dir.resolve(FILE), sink, clock);
        pause.load();
        pause.expireIfDue();
        return pause;
    }

    /** Pauses until {@code until}, replacing any pause in effect; reports {@code repairs.paused}. */
    public synchronized void pause(Instant until, String issuer, String commandId) {
        Pause next = new Pause(until, issuer, commandId);
        store(next);
        current = next;
        sink.accept(event(EventTypes.REPAIRS_PAUSED, Severity.WARNING, next, issuer, commandId, null));
    }

    /** Ends the pause in effect (reporting {@code repairs.resumed}); false when there was none. */
    public synchronized boolean resume(String issuer, String commandId) {
        expireIfDue();
        if (current == null) {
            return false;
        }
        Pause ended = current;
        end();
        sink.accept(event(EventTypes.REPAIRS_RESUMED, Severity.INFO, ended, issuer, commandId, "command"));
        return true;
    }

    /** The pause in effect now, if any; ends one whose time ran out. */
    public synchronized Optional<Pause> current() {
        expireIfDue();
        return Optional.ofNullable(current);
    }

    /** Why the policy may not act now: {@code repairs paused until … by …}; empty when it may. */
    public Optional<String> refusal() {
        return current().map(p -> "repairs paused until " + p.until() + " by " + p.issuer());
    }

    /** Ends a pause whose time has come, with {@code repairs.resumed} reason {@code expired}. */
    public synchronized void expireIfDue() {
        if (current != null && !clock.instant().isBefore(current.until())) {
            Pause ended = current;
            end();
            sink.accept(event(
                    EventTypes.REPAIRS_RESUMED, Severity.INFO, ended, ended.issuer(), ended.commandId(), "expired"));
        }
    }

    private void end() {
        current = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete " + file + ": " + e.getMessage());
            }
        }
    }

    private Observation event(
            String type, Severity severity, Pause pause, String issuer, String commandId, String reason) {
        ObjectNode data = Json.object()
                .put("until", pause.until().toString())
                .put("issuer", issuer)
                .put("command_id", commandId);
        if (reason != null) {
            data.put("reason", reason);
        }
        return new Observation(clock.instant(), type, severity, "policy", data);
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode stored = WireCodec.readTree(Files.readString(file, StandardCharsets.UTF_8));
            current = new Pause(
                    Instant.parse(stored.path("until").asText()),
                    stored.path("issuer").asText(),
                    stored.path("command_id").asText());
            LOG.log(Level.WARNING, "repairs are paused until " + current.until() + " by " + current.issuer());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, file + " is damaged and is ignored: repairs are not paused");
        }
    }

    /** Temporary file, fsync, atomic rename, fsync of the directory. */
    private void store(Pause pause) {
        if (file == null) {
            return;
        }
        String json = Json.object()
                .put("until", pause.until().toString())
                .put("issuer", pause.issuer())
                .put("command_id", pause.commandId())
                .toString();
        try {
            DurableFiles.replace(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the pause in " + file + ": " + e.getMessage(), e);
        }
    }
}
