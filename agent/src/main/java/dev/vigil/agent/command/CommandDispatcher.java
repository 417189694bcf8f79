package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes command payloads one at a time: verifies them ({@link CommandVerifier}), finds the action, checks its
 * arguments, runs it, and reports every outcome as an observation: {@code command.rejected}, then, for a command that
 * ran, {@code command.completed} or {@code command.failed}. Only one {@code failover_drill} runs at a time.
 */
public final class CommandDispatcher {
    private static final Logger LOG = System.getLogger(CommandDispatcher.class.getName());

    private final CommandVerifier verifier;
    private final Map<String, CommandAction> actions = new LinkedHashMap<>();
    private final ObservationSink sink;
    private final Clock clock;
    private final AtomicReference<String> drillRunning = new AtomicReference<>();

    public CommandDispatcher(CommandVerifier verifier, List<CommandAction> actions, ObservationSink sink, Clock clock) {
        this.verifier = verifier;
        for (CommandAction action : actions) {
            if (this.actions.put(action.name(), action) != null) {
                throw new IllegalArgumentException("two actions named " + action.name());
            }
        }
        this.sink = sink;
        this.clock = clock;
    }

    /** The action names this agent runs. */
    public List<String> actionNames() {
        return List.copyOf(actions.keySet());
    }

    /**
     * Handles one payload; returns once the command was refused or its action started (the action's own work goes
     * on in the background). The returned stage completes when the command is finished either way (for tests).
     */
    public CompletionStage<Void> handle(byte[] payload) {
        CommandVerifier.Verdict verdict;
        try {
            verdict = verifier.verify(payload);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "verifying a command failed", e);
            sink.accept(new Observation(
                    clock.instant(),
                    EventTypes.COMMAND_FAILED,
                    Severity.WARNING,
                    "command/unknown",
                    Json.object().put("reason", "internal").put("detail", CommandRejection.oneLine(e.getMessage()))));
            return CompletableFuture.completedFuture(null);
        }
        if (verdict instanceof CommandVerifier.Rejected rejected) {
            rejected(rejected.rejection());
            return CompletableFuture.completedFuture(null);
        }
        return dispatch(((CommandVerifier.Accepted) verdict).command());
    }

    private CompletionStage<Void> dispatch(Command command) {
        CommandAction action = actions.get(command.action());
        if (action == null) {
            rejected(
                    command, CommandRejection.UNKNOWN_ACTION, "this agent runs " + String.join(", ", actions.keySet()));
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode args = command.args() == null ? Json.object() : command.args();
        Optional<String> problem;
        try {
            problem = action.checkArgs(args);
        } catch (RuntimeException e) {
            problem = Optional.of("cannot be checked: " + e.getMessage());
        }
        if (problem.isPresent()) {
            rejected(command, CommandRejection.BAD_ARGS, problem.get());
            return CompletableFuture.completedFuture(null);
        }
        boolean drill = CommandActions.FAILOVER_DRILL.equals(command.action());
        if (drill && !drillRunning.compareAndSet(null, command.id())) {
            rejected(command, CommandRejection.BUSY, "failover_drill " + drillRunning.get() + " is still running");
            return CompletableFuture.completedFuture(null);
        }
        CommandRequest request = new CommandRequest(
                command.id(), command.action(), args, command.issuer(), command.issuedAt(), command.expiresAt());
        LOG.log(Level.INFO, "running command {0} {1} from {2}", command.id(), command.action(), command.issuer());
        CompletionStage<ObjectNode> running;
        try {
            running = action.run(request);
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        return running.handle((result, error) -> {
            if (drill) {
                drillRunning.compareAndSet(command.id(), null);
            }
            finished(command, result, error);
            return null;
        });
    }

    private void finished(Command command, ObjectNode result, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ObjectNode data = base(command.id(), command.action(), command.issuer());
        if (cause == null) {
            data.set("result", result == null ? Json.object() : result);
            emit(EventTypes.COMMAND_COMPLETED, Severity.INFO, command.id(), data);
        } else if (cause instanceof CommandFailedException failed) {
            data.setAll(failed.data());
            data.put("reason", failed.reason()).put("detail", CommandRejection.oneLine(failed.getMessage()));
            emit(EventTypes.COMMAND_FAILED, Severity.WARNING, command.id(), data);
        } else {
            LOG.log(Level.ERROR, "command " + command.id() + " " + command.action() + " failed", cause);
            data.put("reason", "internal")
                    .put(
                            "detail",
                            CommandRejection.oneLine(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            emit(EventTypes.COMMAND_FAILED, Severity.WARNING, command.id(), data);
        }
    }

    private void rejected(Command command, String reason, String detail) {
        rejected(new CommandRejection(reason, detail, command.id(), command.action(), command.issuer()));
    }

    private void rejected(CommandRejection r) {
        LOG.log(Level.WARNING, "command {0} refused: {1}: {2}", r.id(), r.reason(), r.detail());
        ObjectNode data =
                base(r.id(), r.action(), r.issuer()).put("reason", r.reason()).put("detail", r.detail());
        emit(EventTypes.COMMAND_REJECTED, Severity.WARNING, r.id(), data);
    }

    private void emit(String type, Severity severity, String id, ObjectNode data) {
        sink.accept(new Observation(clock.instant(), type, severity, "command/" + (id == null ? "unknown" : id), data));
    }

    private static ObjectNode base(String id, String action, String issuer) {
        ObjectNode data = Json.object();
        if (id != null) {
            data.put("command_id", id);
        }
        if (action != null) {
            data.put("action", action);
        }
        if (issuer != null) {
            data.put("issuer", issuer);
        }
        return data;
    }
}
