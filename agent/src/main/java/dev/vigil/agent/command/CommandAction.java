package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One action a verified command can ask for ({@link dev.vigil.protocol.CommandActions}). The dispatcher checks the
 * arguments first (a problem becomes {@code command.rejected} with reason {@code bad_args}), then runs it; the stage
 * completes with the {@code result} of {@code command.completed}, or exceptionally with a
 * {@link CommandFailedException} for {@code command.failed}.
 */
public interface CommandAction {
    /** The action name on the wire. */
    String name();

    /** Why these arguments are not acceptable, e.g. {@code "hold_s must be 1 to 600, found 0"}; empty when fine. */
    Optional<String> checkArgs(ObjectNode args);

    /** Runs it off the caller's thread; never blocks the caller. */
    CompletionStage<ObjectNode> run(CommandRequest request);
}
