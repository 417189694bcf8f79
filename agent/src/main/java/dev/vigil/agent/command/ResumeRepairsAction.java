package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.policy.RepairPause;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.Json;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code resume_repairs}: ends a pause of repairs; completes (with {@code was_paused: false}) when there was none. */
public final class ResumeRepairsAction implements CommandAction {
    private final RepairPause pause;

    public ResumeRepairsAction(RepairPause pause) {
        this.pause = pause;
    }

    @Override
    public String name() {
        return CommandActions.RESUME_REPAIRS;
    }

    @Override
    public Optional<String> checkArgs(ObjectNode args) {
        return Args.onlyKeys(args);
    }

    @Override
    public CompletionStage<ObjectNode> run(CommandRequest request) {
        boolean was = pause.resume(request.issuer(), request.id());
        return CompletableFuture.completedFuture(Json.object().put("was_paused", was));
    }
}
