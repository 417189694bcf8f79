package dev.vigil.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.policy.RepairPause;
import dev.vigil.agent.testing.CommandSigner;
import dev.vigil.agent.testing.ManualClock;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandDispatcherTest {
    private static final String SITE = "acme-hq";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T17:00:00Z"));
    private final CommandSigner collector = new CommandSigner(SITE, clock);
    private final List<Observation> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ObjectNode> drill = new CompletableFuture<>();
    private ReplayRecord replay;
    private RepairPause pause;
    private CommandDispatcher dispatcher;

    /** Stands for the failover drill another engineer builds: it finishes when the test says so. */
    private final CommandAction slowDrill = new Named("failover_drill", request -> drill);

    @BeforeEach
    void start() throws Exception {
        replay = ReplayRecord.open(dir, clock);
        pause = RepairPause.open(dir, events::add, clock);
        CommandVerifier verifier = new CommandVerifier(
                SITE, collector.keys().getPublic(), CommandsConfig.DEFAULT_MAX_CLOCK_SKEW, replay, clock);
        dispatcher = new CommandDispatcher(
                verifier,
                List.of(
                        new PauseRepairsAction(pause, clock),
                        new ResumeRepairsAction(pause),
                        slowDrill,
                        new Named("backup_config", request -> {
                            throw new CommandFailedException(
                                    "router_unreachable",
                                    "router-b did not answer\nwithin 5 s",
                                    Json.object().put("router", "router-b"));
                        }),
                        new Named(
                                "probe_now",
                                request -> CompletableFuture.failedFuture(
                                        new IllegalStateException("no probes\nconfigured")))),
                events::add,
                clock);
    }

    @AfterEach
    void close() {
        replay.close();
    }

    @Test
    void pauseRepairs_completedWithResult_andRepairsPausedReported() {
        Command c = collector.signed("pause_repairs", Json.object().put("until", "2026-12-07T19:00:00+01:00"), ttl());

        dispatcher.handle(CommandSigner.bytes(c)).toCompletableFuture().join();

        assertThat(types()).containsExactly("repairs.paused", "command.completed");
        Observation done = events.get(1);
        assertThat(done.subject()).isEqualTo("command/" + c.id());
        assertThat(done.data().path("command_id").asText()).isEqualTo(c.id());
        assertThat(done.data().path("action").asText()).isEqualTo("pause_repairs");
        assertThat(done.data().path("issuer").asText()).isEqualTo("alice");
        assertThat(done.data().path("result").path("until").asText()).isEqualTo("2026-12-07T18:00:00Z");
        assertThat(events.get(0).data().path("until").asText()).isEqualTo("2026-12-07T18:00:00Z");
        assertThat(pause.refusal()).contains("repairs paused until 2026-12-07T18:00:00Z by alice");
    }

    @Test
    void resumeRepairs_endsThePause_andSaysWhetherThereWasOne() {
        run("pause_repairs", Json.object().put("until", "2026-12-07T18:00:00Z"));
        run("resume_repairs", Json.object());
        run("resume_repairs", Json.object());

        assertThat(types())
                .containsExactly(
                        "repairs.paused",
                        "command.completed",
                        "repairs.resumed",
                        "command.completed",
                        "command.completed");
        assertThat(events.get(2).data().path("reason").asText()).isEqualTo("command");
        assertThat(events.get(3).data().path("result").path("was_paused").asBoolean())
                .isTrue();
        assertThat(events.get(4).data().path("result").path("was_paused").asBoolean())
                .isFalse();
        assertThat(pause.current()).isEmpty();
    }

    @Test
    void pauseUntilPastOrBeyondSevenDaysOrNotATime_badArgs() {
        run("pause_repairs", Json.object().put("until", "2026-12-07T16:59:59Z"));
        run("pause_repairs", Json.object().put("until", "2026-12-14T17:00:01Z"));
        run("pause_repairs", Json.object().put("until", "tomorrow"));
        run("pause_repairs", Json.object());
        run("pause_repairs", Json.object().put("until", "2026-12-07T18:00:00Z").put("why", "x"));

        assertThat(types()).containsOnly("command.rejected").hasSize(5);
        assertThat(events)
                .allSatisfy(e -> assertThat(e.data().path("reason").asText()).isEqualTo("bad_args"));
        assertThat(events.get(0).data().path("detail").asText()).contains("not in the future");
        assertThat(events.get(1).data().path("detail").asText()).contains("more than 7 days");
        assertThat(events.get(4).data().path("detail").asText()).contains("unknown argument why");
        assertThat(pause.current()).isEmpty();
    }

    @Test
    void unknownAction_rejected() {
        run("reboot_everything", Json.object());

        assertThat(events.get(0).data().path("reason").asText()).isEqualTo("unknown_action");
        assertThat(events.get(0).data().path("detail").asText()).contains("pause_repairs");
    }

    @Test
    void secondDrillWhileOneRuns_busy_thenAllowedOnceItEnded() {
        Command first = collector.signed("failover_drill", Json.object().put("hold_s", 5), ttl());
        CompletionStage<Void> running = dispatcher.handle(CommandSigner.bytes(first));
        run("failover_drill", Json.object().put("hold_s", 5));

        assertThat(types()).containsExactly("command.rejected");
        assertThat(events.get(0).data().path("reason").asText()).isEqualTo("busy");
        assertThat(events.get(0).data().path("detail").asText()).contains(first.id());

        drill.complete(Json.object().put("passed", true));
        running.toCompletableFuture().join();
        run("failover_drill", Json.object().put("hold_s", 5));

        assertThat(types()).containsExactly("command.rejected", "command.completed", "command.completed");
    }

    @Test
    void commandFailedException_failedWithItsReasonDetailAndData() {
        run("backup_config", Json.object());

        Observation failed = events.get(0);
        assertThat(failed.type()).isEqualTo("command.failed");
        assertThat(failed.data().path("reason").asText()).isEqualTo("router_unreachable");
        assertThat(failed.data().path("detail").asText()).isEqualTo("router-b did not answer within 5 s");
        assertThat(failed.data().path("router").asText()).isEqualTo("router-b");
    }

    @Test
    void anyOtherFailure_failedInternalOnOneLine() {
        run("probe_now", Json.object());

        Observation failed = events.get(0);
        assertThat(failed.type()).isEqualTo("command.failed");
        assertThat(failed.data().path("reason").asText()).isEqualTo("internal");
        assertThat(failed.data().path("detail").asText()).isEqualTo("IllegalStateException: no probes configured");
    }

    @Test
    void rejectionEvent_carriesIdActionIssuerReasonDetail() {
        Command forged = new CommandSigner(SITE, clock).signed("resume_repairs");

        dispatcher.handle(CommandSigner.bytes(forged)).toCompletableFuture().join();

        Observation r = events.get(0);
        assertThat(r.type()).isEqualTo("command.rejected");
        assertThat(r.severity().name()).isEqualTo("WARNING");
        assertThat(r.data().fieldNames())
                .toIterable()
                .containsExactly("command_id", "action", "issuer", "reason", "detail");
        assertThat(r.data().path("reason").asText()).isEqualTo("bad_signature");
    }

    private void run(String action, ObjectNode args) {
        dispatcher
                .handle(CommandSigner.bytes(collector.signed(action, args, ttl())))
                .toCompletableFuture()
                .join();
    }

    private List<String> types() {
        return events.stream().map(Observation::type).toList();
    }

    private static Duration ttl() {
        return Duration.ofMinutes(10);
    }

    private record Named(String name, java.util.function.Function<CommandRequest, CompletionStage<ObjectNode>> body)
            implements CommandAction {
        @Override
        public Optional<String> checkArgs(ObjectNode args) {
            return Optional.empty();
        }

        @Override
        public CompletionStage<ObjectNode> run(CommandRequest request) {
            return body.apply(request);
        }
    }
}
