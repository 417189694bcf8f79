package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.policy.RepairPause;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code pause_repairs {until}}: the failover policy performs nothing automatic until then (at most 7 days). */
public final class PauseRepairsAction implements CommandAction {
    public static final Duration MAX_PAUSE = Duration.ofDays(7);

    private final RepairPause pause;
    private final Clock clock;

    public PauseRepairsAction(RepairPause pause, Clock clock) {
        this.pause = pause;
        this.clock = clock;
    }

    @Override
    public String name() {
        return CommandActions.PAUSE_REPAIRS;
    }

    @Override
    public Optional<String> checkArgs(ObjectNode args) {
        Optional<String> unknown = Args.onlyKeys(args, "until");
        if (unknown.isPresent()) {
            return unknown;
        }
        Optional<Instant> until = Args.time(args, "until");
        if (until.isEmpty()) {
            return Optional.of("until must be an RFC 3339 time such as 2026-12-07T18:00:00Z");
        }
        Instant now = clock.instant();
        if (!until.get().isAfter(now)) {
            return Optional.of("until " + until.get() + " is not in the future (agent time " + now + ")");
        }
        if (until.get().isAfter(now.plus(MAX_PAUSE))) {
            return Optional.of("until " + until.get() + " is more than 7 days ahead (agent time " + now + ")");
        }
        return Optional.empty();
    }

    @Override
    public CompletionStage<ObjectNode> run(CommandRequest request) {
        Instant until = Args.time(request.args(), "until").orElseThrow();
        Optional<RepairPause.Pause> before = pause.current();
        pause.pause(until, request.issuer(), request.id());
        ObjectNode result = Json.object().put("until", until.toString());
        before.ifPresent(p -> result.put("replaced_until", p.until().toString()));
        return CompletableFuture.completedFuture(result);
    }
}
