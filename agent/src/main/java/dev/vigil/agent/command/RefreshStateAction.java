package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.Json;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code refresh_state}: publishes the retained site state and status again, even when nothing changed (e.g. after a
 * collector lost its copy). The result says whether the agent is connected, i.e. whether they went out already.
 */
public final class RefreshStateAction implements CommandAction {
    /** What the runtime does to publish again. */
    public interface Republisher {
        /** Queues the state and status for publishing; true when connected to the broker now. */
        boolean republish();
    }

    private final Republisher republisher;

    public RefreshStateAction(Republisher republisher) {
        this.republisher = republisher;
    }

    @Override
    public String name() {
        return CommandActions.REFRESH_STATE;
    }

    @Override
    public Optional<String> checkArgs(ObjectNode args) {
        return Args.onlyKeys(args);
    }

    @Override
    public CompletionStage<ObjectNode> run(CommandRequest request) {
        boolean connected = republisher.republish();
        return CompletableFuture.completedFuture(Json.object().put("connected", connected));
    }
}
