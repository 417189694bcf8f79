package dev.vigil.agent.backup;

import static dev.vigil.agent.backup.BackupFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.command.CommandRequest;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.testkit.routeros.Misbehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code backup_config} run directly (as the dispatcher would after verification) against two simulated routers. */
class BackupConfigActionTest {
    private final BackupFixture f = new BackupFixture();
    private final BackupConfigAction action = new BackupConfigAction(f.backup(BackupFixture.config()));

    @AfterEach
    void close() {
        f.close();
    }

    private static CommandRequest request(ObjectNode args) {
        Instant now = Instant.parse("2026-12-07T17:00:00Z");
        return new CommandRequest(
                "cmd-1", CommandActions.BACKUP_CONFIG, args, "noc@example.org", now, now.plusSeconds(300));
    }

    private static CommandFailedException failure(java.util.concurrent.CompletionStage<ObjectNode> stage) {
        assertThatThrownBy(() -> await(stage))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CommandFailedException.class);
        try {
            await(stage);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return (CommandFailedException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void name_isTheProtocolsAction() {
        assertThat(action.name()).isEqualTo("backup_config");
    }

    @Test
    void noArgs_everyRouterExportedResultListsIdsAndHashes() throws Exception {
        assertThat(action.checkArgs(Json.object())).isEmpty();

        ObjectNode result = await(action.run(request(Json.object())));

        assertThat(result.path("exports")).hasSize(2);
        assertThat(result.path("failed")).isEmpty();
        assertThat(result.path("exports").get(0).path("router").asText()).isEqualTo("router-a");
        assertThat(result.path("exports").get(1).path("sha256").asText()).hasSize(64);
        assertThat(f.ofType(EventTypes.CONFIG_EXPORTED))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.data().path("trigger").asText()).isEqualTo("command"));
    }

    @Test
    void oneRouter_onlyThatOneExported() throws Exception {
        ObjectNode args = Json.object().put("router", "router-b");
        assertThat(action.checkArgs(args)).isEmpty();

        ObjectNode result = await(action.run(request(args)));

        assertThat(result.path("exports")).hasSize(1);
        assertThat(result.path("exports").get(0).path("router").asText()).isEqualTo("router-b");
        assertThat(f.ofType(EventTypes.CONFIG_EXPORTED))
                .extracting(o -> o.subject())
                .containsExactly("router/router-b");
    }

    @Test
    void unknownRouterOrBadArgs_refusedWithAClearReason() {
        assertThat(action.checkArgs(Json.object().put("router", "router-z")))
                .hasValue("router must name a configured router [router-a, router-b], found 'router-z'");
        assertThat(action.checkArgs(Json.object().put("router", 3)))
                .hasValue("router must name a configured router [router-a, router-b], found number");
        assertThat(action.checkArgs(Json.object().put("routers", "router-a")))
                .hasValue("unknown argument 'routers'; only 'router' is accepted");
        CommandFailedException run = failure(action.run(request(Json.object().put("router", "router-z"))));
        assertThat(run.reason()).isEqualTo("unknown_router");
        assertThat(run.getMessage()).contains("found 'router-z'");
        assertThat(f.events).isEmpty();
    }

    @Test
    void oneRouterFails_commandFailedWithBothListsAndTheReason() {
        f.a.misbehave(Misbehaviour.REFUSE_EXPORT);

        CommandFailedException e = failure(action.run(request(Json.object())));

        assertThat(e.reason()).isEqualTo("export_failed");
        assertThat(e.getMessage())
                .isEqualTo("1 of 2 export(s) failed; router-a: refused (/export failed: not enough permissions (9))");
        assertThat(e.data().path("exports")).hasSize(1);
        assertThat(e.data().path("failed").get(0).path("reason").asText()).isEqualTo("refused");
        assertThat(f.ofType(EventTypes.CONFIG_EXPORT_FAILED)).hasSize(1);
    }

    @Test
    void disabledOrNoRouters_failedSayingWhy() {
        ConfigBackupConfig off =
                new ConfigBackupConfig(false, Duration.ofHours(24), false, Duration.ZERO, Duration.ofSeconds(3));
        BackupConfigAction disabled = new BackupConfigAction(new ConfigBackup(off, f.clients, f.events::add, f.clock));
        BackupConfigAction none =
                new BackupConfigAction(new ConfigBackup(BackupFixture.config(), Map.of(), f.events::add, f.clock));

        assertThat(failure(disabled.run(request(Json.object()))).reason()).isEqualTo("disabled");
        CommandFailedException noRouters = failure(none.run(request(Json.object())));
        assertThat(noRouters.reason()).isEqualTo("no_routers");
        assertThat(noRouters.getMessage()).isEqualTo("no routers are configured on this agent");
    }
}
