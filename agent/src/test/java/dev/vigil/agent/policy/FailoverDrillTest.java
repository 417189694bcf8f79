package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.command.CommandRequest;
import dev.vigil.agent.event.Observation;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill against two simulated routers on loopback whose VRRP the in-JVM pair settles, the real policy run inline,
 * and a fake clock: every pause of the drill advances it and lets the policy evaluate.
 */
class FailoverDrillTest {
    private static final Duration LAG = Duration.ofSeconds(3);

    @TempDir
    Path stateDir;

    private final PolicyFixture f = new PolicyFixture();
    private final FakeSniffer sniffer = new FakeSniffer(f.a, f.b, f.clock, LAG);
    private volatile Runnable onPause = () -> {};
    private FailoverDrill drill;

    @AfterEach
    void close() {
        f.close();
    }

    private FailoverDrill drill() {
        f.start(PolicyFixture.config(false, 1000));
        drill = new FailoverDrill(
                parts(pause -> {
                    f.clock.advance(pause);
                    onPause.run();
                    f.policy.tick();
                }),
                Runnable::run);
        return drill;
    }

    /** The drill's parts on the fixture's routers, sniffer and policy; {@code pacer} stands in for its waits. */
    private DrillParts parts(Pacer pacer) {
        return new DrillParts(
                PolicyFixture.config(false, 1000),
                Map.of("router-a", f.clientA, "router-b", f.clientB),
                FakeSniffer.ADDRESSES,
                Map.of("wan1", "router-a", "wan2", "router-b"),
                w -> Optional.ofNullable(f.wans.get(w)),
                sniffer,
                f.policy,
                f.observed::add,
                f.clock,
                pacer,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofMillis(100),
                stateDir);
    }

    private static CommandRequest request(String id, ObjectNode args) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new CommandRequest(id, "failover_drill", args, "alice", now, now.plusSeconds(60));
    }

    private static ObjectNode hold(int seconds) {
        return Json.object().put("hold_s", seconds);
    }

    private static CommandFailedException failure(CompletionStage<ObjectNode> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(CommandFailedException.class);
            return (CommandFailedException) e.getCause();
        }
        throw new AssertionError("the drill did not fail");
    }

    private List<String> actions(String rule) {
        return f.observed.stream()
                .filter(o -> o.type().startsWith("action.")
                        && o.data().path("rule").asText().equals(rule))
                .map(o -> o.type() + " " + o.data().path("router").asText() + " "
                        + o.data().path("action").asText() + " "
                        + o.data().path("before").asText() + "->"
                        + o.data().path("after").asText())
                .toList();
    }

    private int priority(dev.vigil.testkit.routeros.SimRouter router) {
        return Integer.parseInt(router.vrrp("vrrp1").orElseThrow().get("priority"));
    }

    @Test
    void checkArgs_holdWholeSeconds1To600_defaultWhenAbsent() {
        FailoverDrill d = drill();
        assertThat(d.name()).isEqualTo("failover_drill");
        assertThat(d.checkArgs(Json.object())).isEmpty();
        assertThat(d.checkArgs(null)).isEmpty();
        assertThat(d.checkArgs(hold(1))).isEmpty();
        assertThat(d.checkArgs(hold(600))).isEmpty();
        assertThat(d.checkArgs(hold(0))).contains("hold_s must be 1 to 600, found 0");
        assertThat(d.checkArgs(hold(601))).contains("hold_s must be 1 to 600, found 601");
        assertThat(d.checkArgs(Json.object().put("hold_s", 99_999_999_999L)))
                .contains("hold_s must be 1 to 600, found 99999999999");
        assertThat(d.checkArgs(Json.object().put("hold_s", "30")))
                .contains("hold_s must be a whole number of seconds from 1 to 600, found \"30\"");
        assertThat(d.checkArgs(Json.object().put("hold_s", 1.5)))
                .contains("hold_s must be a whole number of seconds from 1 to 600, found 1.5");
        assertThat(d.checkArgs(Json.object().put("hold", 30))).contains("failover_drill takes only hold_s, found hold");
    }

    @Test
    void healthyPair_flipsAndBack_passedWithEveryFigure() {
        ObjectNode result =
                drill().run(request("01DRILL", hold(5))).toCompletableFuture().join();

        assertThat(result.path("passed").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("from_router").asText()).isEqualTo("router-a");
        assertThat(result.path("to_router").asText()).isEqualTo("router-b");
        assertThat(result.path("takeover_ms").asLong()).isEqualTo(3000);
        // the policy follows on its first evaluation after the demotion, one poll later
        assertThat(result.path("nat_ms").asLong()).isEqualTo(100);
        assertThat(result.path("dhcp_ms").asLong()).isEqualTo(100);
        assertThat(result.path("restore_ms").asLong()).isEqualTo(3000);
        assertThat(result.path("original_priority").asInt()).isEqualTo(100);
        assertThat(result.path("demoted_to").asInt()).isEqualTo(50);
        assertThat(result.has("reason")).isFalse();

        assertThat(priority(f.a)).isEqualTo(100);
        assertThat(sniffer.heard()).isEqualTo("192.0.2.1");
        assertThat(LabFailoverRig.servicesAre(f.clientA, true)).isTrue();
        assertThat(LabFailoverRig.servicesAre(f.clientB, false)).isTrue();
        assertThat(actions("failover_drill"))
                .containsExactly(
                        "action.executed router-a set_vrrp_priority 100->50",
                        "action.executed router-a set_vrrp_priority 50->100");
        assertThat(actions("services_follow_master"))
                .contains(
                        "action.executed router-b enable_nat true->false",
                        "action.executed router-a disable_nat false->true",
                        "action.executed router-a enable_nat true->false",
                        "action.executed router-b disable_nat false->true");
        List<Observation> completed = f.of("drill.completed");
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(completed.get(0).subject()).isEqualTo("command/01DRILL");
        assertThat(completed.get(0).data()).isEqualTo(result);
    }

    @Test
    void backupWanDown_refusedUnhealthyPair_nothingWritten() {
        f.wans.put("wan2", "down");
        CommandFailedException e = failure(drill().run(request("01DOWN", Json.object())));

        assertThat(e.reason()).isEqualTo("unhealthy_pair");
        assertThat(e.getMessage()).isEqualTo("pair not ready for a drill: WAN wan2 of router-b is down");
        assertThat(f.a.writes()).isEmpty();
        assertThat(f.b.writes()).isEmpty();
        assertThat(f.of("drill.completed")).isEmpty();
    }

    @Test
    void snifferHearsNothing_refusedNamingIt() {
        sniffer.silent = true;
        CommandFailedException e = failure(drill().run(request("01DEAF", Json.object())));

        assertThat(e.reason()).isEqualTo("unhealthy_pair");
        assertThat(e.getMessage()).contains("the VRRP sniffer hears no master for VRID 1 (vrrp.interfaces)");
        assertThat(e.data().path("problems")).hasSize(1);
        assertThat(f.a.writes()).isEmpty();
    }

    @Test
    void wanAwareRuleHoldsARouterDemoted_drillRefused() {
        drill();
        f.wan("wan1", "down");
        assertThat(priority(f.a)).isEqualTo(50);
        f.wan("wan1", "up");
        sniffer.get();
        f.clock.advance(LAG);
        assertThat(sniffer.get().get(0).master()).isEqualTo("192.0.2.2");
        int writes = f.a.writes().size() + f.b.writes().size();

        CommandFailedException e = failure(drill.run(request("01HELD", Json.object())));

        assertThat(e.reason()).isEqualTo("unhealthy_pair");
        assertThat(e.getMessage())
                .contains("the wan-aware rule holds router-a demoted until its WANs have been up for restore_hold");
        assertThat(f.a.writes().size() + f.b.writes().size()).isEqualTo(writes);
    }

    @Test
    void whileADrillRuns_wanAwareRuleStandsAside_servicesStillFollow() {
        drill();
        assertThat(f.policy.drillStarting("01X")).isEmpty();
        assertThat(f.policy.drillStarting("01Y")).contains("failover drill 01X is running");

        f.wan("wan1", "down");
        assertThat(priority(f.a)).isEqualTo(100);
        assertThat(actions("wan_aware_vrrp")).isEmpty();
        String id = f.clientA
                .print("/interface/vrrp", List.of(".id"))
                .toCompletableFuture()
                .join()
                .get(0)
                .get(".id");
        f.clientA
                .set("/interface/vrrp", id, Map.of("priority", "50"))
                .toCompletableFuture()
                .join();
        f.policy.tick();
        assertThat(LabFailoverRig.servicesAre(f.clientB, true)).isTrue();

        f.policy.drillEnded("01X");
        assertThat(f.policy.drillStarting("01Z")).isEmpty();
    }

    @Test
    void snifferNeverHearsTheBackup_notPassedTakeoverTimeout_stillRestored() {
        sniffer.frozen = true;
        ObjectNode result =
                drill().run(request("01FROZEN", hold(1))).toCompletableFuture().join();

        assertThat(result.path("passed").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).isEqualTo("takeover_timeout");
        assertThat(result.path("detail").asText())
                .isEqualTo("router-b was not heard as VRRP master within 30 s of the demotion");
        assertThat(result.has("takeover_ms")).isFalse();
        assertThat(result.path("nat_ms").asLong()).isEqualTo(100);
        assertThat(priority(f.a)).isEqualTo(100);
        assertThat(f.of("drill.completed").get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void masterDisappearsDuringTheHold_restoreRetriedThenRestoreFailedWithThePairState() {
        FailoverDrill d = drill();
        AtomicBoolean gone = new AtomicBoolean();
        onPause = () -> {
            if ("192.0.2.2".equals(sniffer.heard()) && gone.compareAndSet(false, true)) {
                f.simA.close();
            }
        };
        CommandFailedException e = failure(d.run(request("01GONE", hold(3))));

        assertThat(e.reason()).isEqualTo("restore_failed");
        assertThat(e.getMessage()).startsWith("the priority of router-a could not be restored to 100 in ");
        ObjectNode data = e.data();
        assertThat(data.path("passed").asBoolean()).isFalse();
        assertThat(data.path("takeover_ms").asLong()).isEqualTo(3000);
        assertThat(data.path("restore_attempts").asInt()).isGreaterThan(1);
        assertThat(data.path("pair").path("master").asText()).isEqualTo("router-b");
        assertThat(data.path("pair").path("demoted").asText()).isEqualTo("router-a");
        assertThat(data.path("pair").path("priorities").path("router-a").asInt())
                .isEqualTo(50);
        assertThat(data.path("pair").path("priorities").path("router-b").asInt())
                .isEqualTo(90);
        assertThat(data.path("pair").path("unreachable").toString()).isEqualTo("[\"router-a\"]");
        assertThat(actions("failover_drill"))
                .filteredOn(a -> a.startsWith("action.failed"))
                .isNotEmpty();
        Observation completed = f.of("drill.completed").get(0);
        assertThat(completed.severity()).isEqualTo(Severity.WARNING);
        assertThat(completed.data().path("reason").asText()).isEqualTo("restore_failed");
    }

    @Test
    void backupLosesEveryWanInTheHold_restoredEarly_notPassed_wanAwareRuleNeverActed() {
        FailoverDrill d = drill();
        onPause = () -> {
            if ("192.0.2.2".equals(sniffer.heard()) && LabFailoverRig.servicesAre(f.clientB, true)) {
                f.wans.put("wan2", "down");
            }
        };
        ObjectNode result =
                d.run(request("01WANLOST", hold(600))).toCompletableFuture().join();

        assertThat(result.path("passed").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).isEqualTo("backup_wan_down");
        assertThat(result.path("detail").asText())
                .isEqualTo("every WAN of router-b went down during the hold: restored early");
        assertThat(result.path("takeover_ms").asLong()).isEqualTo(3000);
        assertThat(result.path("restore_ms").asLong()).isEqualTo(3000);
        assertThat(f.clock.instant()).isBefore(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(priority(f.a)).isEqualTo(100);
        assertThat(actions("wan_aware_vrrp")).isEmpty();
    }

    @Test
    void secondDrillWhileOneRuns_busy() {
        f.start(PolicyFixture.config(false, 1000));
        List<Runnable> queued = new ArrayList<>();
        FailoverDrill d = new FailoverDrill(parts(f.clock::advance), queued::add);
        CompletableFuture<ObjectNode> first = d.run(request("01FIRST", hold(1))).toCompletableFuture();

        CommandFailedException e = failure(d.run(request("01SECOND", hold(1))));

        assertThat(e.reason()).isEqualTo("busy");
        assertThat(e.getMessage()).isEqualTo("failover drill 01FIRST is still running");
        assertThat(first).isNotDone();
    }

    private String vrrpId() {
        return f.clientA
                .print("/interface/vrrp", List.of(".id"))
                .toCompletableFuture()
                .join()
                .get(0)
                .get(".id");
    }

    /** What an agent killed in the hold of drill 01KILLED leaves behind: router-a at 50, the record. */
    private void killedMidDrill() throws java.io.IOException {
        f.clientA
                .set("/interface/vrrp", vrrpId(), Map.of("priority", "50"))
                .toCompletableFuture()
                .join();
        new DrillRestoreRecord(
                        "01KILLED",
                        "router-a",
                        "router-b",
                        vrrpId(),
                        "vrrp1",
                        100,
                        50,
                        Instant.parse("2025-12-31T23:59:00Z"))
                .write(stateDir);
    }

    @Test
    void recordHoldsTheOriginalPriorityFromBeforeTheDemotionUntilTheRestore() throws Exception {
        FailoverDrill d = drill();
        List<Optional<DrillRestoreRecord>> seen = new ArrayList<>();
        onPause = () -> {
            try {
                seen.add(DrillRestoreRecord.read(stateDir));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        d.run(request("01REC", hold(2))).toCompletableFuture().join();

        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0)).hasValueSatisfying(r -> {
            assertThat(r.commandId()).isEqualTo("01REC");
            assertThat(r.router()).isEqualTo("router-a");
            assertThat(r.toRouter()).isEqualTo("router-b");
            assertThat(r.vrrpName()).isEqualTo("vrrp1");
            assertThat(r.vrrpId()).isEqualTo(vrrpId());
            assertThat(r.originalPriority()).isEqualTo(100);
            assertThat(r.demotedTo()).isEqualTo(50);
        });
        assertThat(DrillRestoreRecord.read(stateDir)).isEmpty();
    }

    @Test
    void restoreFailed_recordKeptForTheNextStart() throws Exception {
        FailoverDrill d = drill();
        onPause = () -> {
            if ("192.0.2.2".equals(sniffer.heard())) {
                f.simA.close();
            }
        };
        CommandFailedException e = failure(d.run(request("01KEPT", hold(3))));

        assertThat(e.reason()).isEqualTo("restore_failed");
        assertThat(e.getMessage()).endsWith("; the agent tries again at its next start");
        assertThat(DrillRestoreRecord.read(stateDir))
                .hasValueSatisfying(r -> assertThat(r.originalPriority()).isEqualTo(100));
    }

    @Test
    void startWithARecord_priorityRestored_drillCompletedInterrupted_recordDeleted() throws Exception {
        FailoverDrill d = drill();
        killedMidDrill();

        d.restoreInterrupted();

        assertThat(priority(f.a)).isEqualTo(100);
        assertThat(actions("failover_drill")).containsExactly("action.executed router-a set_vrrp_priority 50->100");
        Observation completed = f.of("drill.completed").get(0);
        assertThat(completed.severity()).isEqualTo(Severity.WARNING);
        assertThat(completed.subject()).isEqualTo("command/01KILLED");
        assertThat(completed.data().path("passed").asBoolean()).isFalse();
        assertThat(completed.data().path("reason").asText()).isEqualTo("interrupted");
        assertThat(completed.data().path("restored").asBoolean()).isTrue();
        assertThat(completed.data().path("restore_attempts").asInt()).isEqualTo(1);
        assertThat(completed.data().path("from_router").asText()).isEqualTo("router-a");
        assertThat(completed.data().path("original_priority").asInt()).isEqualTo(100);
        assertThat(completed.data().path("detail").asText())
                .isEqualTo("the agent stopped during failover drill 01KILLED (demotion of router-a at"
                        + " 2025-12-31T23:59:00Z); its priority is restored to 100");
        assertThat(DrillRestoreRecord.read(stateDir)).isEmpty();
    }

    @Test
    void startWithoutARecord_nothingWrittenNothingReported() {
        FailoverDrill d = drill();
        int writes = f.a.writes().size() + f.b.writes().size();

        d.restoreInterrupted();

        assertThat(f.a.writes().size() + f.b.writes().size()).isEqualTo(writes);
        assertThat(f.observed)
                .noneMatch(o -> o.type().startsWith("drill.") || o.type().startsWith("action."));
        assertThat(priority(f.a)).isEqualTo(100);
    }

    @Test
    void startWithARecord_routerUnreachable_retriedForTheRestoreTimeout_recordKept_handFixSaid() throws Exception {
        FailoverDrill d = drill();
        killedMidDrill();
        f.simA.close();

        d.restoreInterrupted();

        Observation completed = f.of("drill.completed").get(0);
        assertThat(completed.data().path("restored").asBoolean()).isFalse();
        assertThat(completed.data().path("restore_attempts").asInt()).isGreaterThan(1);
        assertThat(completed.data().path("detail").asText())
                .endsWith("its priority could not be restored to 100 in "
                        + completed.data().path("restore_attempts").asInt()
                        + " attempts within 10 s; the agent tries again at its next start, or restore it by hand"
                        + " (/interface/vrrp set vrrp1 priority=100 on router-a)");
        assertThat(actions("failover_drill")).allMatch(a -> a.startsWith("action.failed"));
        assertThat(DrillRestoreRecord.read(stateDir)).isPresent();
    }

    @Test
    void startWithAnUnreadableRecord_movedAsideAndReported_nothingWritten() throws Exception {
        FailoverDrill d = drill();
        java.nio.file.Files.writeString(stateDir.resolve(DrillRestoreRecord.FILE), "{\"command_id\": \"01TORN");

        d.restoreInterrupted();

        assertThat(stateDir.resolve(DrillRestoreRecord.FILE)).doesNotExist();
        Path aside = stateDir.resolve(
                DrillRestoreRecord.FILE + ".unreadable-" + f.clock.instant().toEpochMilli());
        assertThat(aside).hasContent("{\"command_id\": \"01TORN");
        Observation completed = f.of("drill.completed").get(0);
        assertThat(completed.subject()).isEqualTo("command/unknown");
        assertThat(completed.data().path("reason").asText()).isEqualTo("interrupted");
        assertThat(completed.data().path("restored").asBoolean()).isFalse();
        assertThat(completed.data().path("detail").asText())
                .isEqualTo(stateDir.resolve(DrillRestoreRecord.FILE) + " is not a failover drill record: not JSON;"
                        + " moved to " + aside + "; a failover drill may have been interrupted: check the VRRP"
                        + " priorities of the routers by hand");
        assertThat(f.a.writes()).isEmpty();
    }

    @Test
    void aDrillWhileTheRestoreOfAnInterruptedOneRuns_busy() throws Exception {
        f.start(PolicyFixture.config(false, 1000));
        List<Runnable> queued = new ArrayList<>();
        FailoverDrill d = new FailoverDrill(parts(f.clock::advance), queued::add);
        killedMidDrill();
        d.restoreInterrupted();

        CommandFailedException e = failure(d.run(request("01EARLY", hold(1))));

        assertThat(e.reason()).isEqualTo("busy");
        assertThat(e.getMessage()).isEqualTo("the restore of a drill interrupted by the agent's stop is still running");
        queued.get(0).run();
        assertThat(priority(f.a)).isEqualTo(100);
    }

    @Test
    void aRecordNotYetRestored_drillRefusedUnhealthyPair_recordKept() throws Exception {
        FailoverDrill d = drill();
        killedMidDrill();
        int writes = f.a.writes().size() + f.b.writes().size();

        CommandFailedException e = failure(d.run(request("01AFTER", Json.object())));

        assertThat(e.reason()).isEqualTo("unhealthy_pair");
        assertThat(e.getMessage())
                .contains("failover drill 01KILLED was interrupted by the agent's stop and router-a is not restored to"
                        + " priority 100 yet: the agent tries again at its next start, or restore it by hand"
                        + " (/interface/vrrp set vrrp1 priority=100 on router-a)");
        assertThat(f.a.writes().size() + f.b.writes().size()).isEqualTo(writes);
        assertThat(DrillRestoreRecord.read(stateDir))
                .hasValueSatisfying(r -> assertThat(r.commandId()).isEqualTo("01KILLED"));
    }
}
