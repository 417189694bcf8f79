package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandAction;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.command.CommandRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An action that needs the automatic repairs, refused with {@code repairs_paused} while they are paused: a drill then
 * would demote the master while NAT and DHCP stay behind, an outage of the site for the whole hold.
 */
public final class UnlessPaused implements CommandAction {
    private final CommandAction action;
    private final RepairPause pause;

    public UnlessPaused(CommandAction action, RepairPause pause) {
        this.action = action;
        this.pause = pause;
    }

    @Override
    public String name() {
        return action.name();
    }

    @Override
    public Optional<String> checkArgs(ObjectNode args) {
        return action.checkArgs(args);
    }

    @Override
    public CompletionStage<ObjectNode> run(CommandRequest request) {
        Optional<RepairPause.Pause> paused = pause.current();
        if (paused.isPresent()) {
            RepairPause.Pause p = paused.get();
            return CompletableFuture.failedFuture(new CommandFailedException(
                    "repairs_paused",
                    "repairs are paused until " + p.until() + " by " + p.issuer()
                            + ": send resume_repairs first, the drill needs NAT and DHCP to follow"));
        }
        return action.run(request);
    }
}
