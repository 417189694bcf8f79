package dev.vigil.agent.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandAction;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.command.CommandRequest;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code backup_config}: exports every router now, or the one named by {@code {"router": name}} (docs/commands.md).
 * Completes with the exports' ids and hashes; fails ({@code export_failed}) when any router's export failed, with
 * what succeeded and what failed in the data. Each export is also reported as events, as on the schedule.
 */
public final class BackupConfigAction implements CommandAction {
    private final ConfigBackup backup;

    public BackupConfigAction(ConfigBackup backup) {
        this.backup = backup;
    }

    @Override
    public String name() {
        return CommandActions.BACKUP_CONFIG;
    }

    @Override
    public Optional<String> checkArgs(ObjectNode args) {
        for (Iterator<String> keys = args.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("router")) {
                return Optional.of("unknown argument '" + key + "'; only 'router' is accepted");
            }
        }
        JsonNode router = args.get("router");
        if (router == null || router.isNull()) {
            return Optional.empty();
        }
        if (!router.isTextual() || !backup.routers().contains(router.asText())) {
            return Optional.of("router must name a configured router " + backup.routers() + ", found "
                    + (router.isTextual()
                            ? "'" + router.asText() + "'"
                            : router.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return Optional.empty();
    }

    @Override
    public CompletionStage<ObjectNode> run(CommandRequest request) {
        if (!backup.config().enabled()) {
            return CompletableFuture.failedFuture(
                    new CommandFailedException("disabled", "config_backup.enabled is false on this agent"));
        }
        if (backup.routers().isEmpty()) {
            return CompletableFuture.failedFuture(
                    new CommandFailedException("no_routers", "no routers are configured on this agent"));
        }
        JsonNode router = request.args().get("router");
        Optional<String> bad = checkArgs(request.args());
        if (bad.isPresent()) {
            return CompletableFuture.failedFuture(new CommandFailedException("unknown_router", bad.get()));
        }
        CompletionStage<List<BackupResult>> results = router == null || router.isNull()
                ? backup.exportAll("command")
                : backup.export(router.asText(), "command").thenApply(List::of);
        return results.thenApply(BackupConfigAction::outcome);
    }

    private static ObjectNode outcome(List<BackupResult> results) {
        ObjectNode data = Json.object();
        ArrayNode exports = data.putArray("exports");
        ArrayNode failures = data.putArray("failed");
        for (BackupResult r : results) {
            (r.ok() ? exports : failures).add(r.json());
        }
        if (!failures.isEmpty()) {
            BackupResult first =
                    results.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            throw new CommandFailedException(
                    "export_failed",
                    failures.size() + " of " + results.size() + " export(s) failed; " + first.router() + ": "
                            + first.reason() + " (" + first.detail() + ")",
                    data);
        }
        return data;
    }
}
