package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairPauseTest {
    private final PolicyFixture f = new PolicyFixture();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void paused_policySkipsTheDemotionItWouldRun_withThePauseAsReason_thenActsOnceItRunsOut() {
        f.start(PolicyFixture.config(false, 20)).tick();
        Instant until = f.clock.instant().plus(Duration.ofMinutes(30));
        f.pause.pause(until, "alice", "01JF0000000000000000000000");

        f.wan("wan1", "down");
        f.policy.tick();

        assertThat(f.actions()).contains("action.skipped router-a set_vrrp_priority");
        assertThat(f.actions()).noneMatch(a -> a.startsWith("action.executed"));
        Observation skipped = f.of("action.skipped").get(0);
        assertThat(skipped.data().path("reason").asText()).isEqualTo("repairs paused until " + until + " by alice");
        assertThat(f.of("action.skipped")).hasSize(f.actions().size());
        assertThat(f.a.vrrp("vrrp1").orElseThrow()).containsEntry("priority", "100");

        f.clock.advance(Duration.ofMinutes(30));
        f.policy.tick();

        assertThat(f.of("repairs.resumed")).hasSize(1);
        assertThat(f.of("repairs.resumed").get(0).data().path("reason").asText())
                .isEqualTo("expired");
        assertThat(f.actions()).contains("action.executed router-a set_vrrp_priority 100->50");
        assertThat(f.a.vrrp("vrrp1").orElseThrow()).containsEntry("priority", "50");
    }

    @Test
    void resumedByCommand_policyActsAtTheNextEvaluation() {
        f.start(PolicyFixture.config(false, 20));
        f.pause.pause(f.clock.instant().plus(Duration.ofHours(1)), "alice", "01JF0000000000000000000000");
        f.wan("wan1", "down");
        assertThat(f.of("action.executed")).isEmpty();

        assertThat(f.pause.resume("bob", "01JF0000000000000000000001")).isTrue();
        f.policy.tick();

        assertThat(f.actions()).contains("action.executed router-a set_vrrp_priority 100->50");
        Observation resumed = f.of("repairs.resumed").get(0);
        assertThat(resumed.data().path("issuer").asText()).isEqualTo("bob");
        assertThat(resumed.data().path("reason").asText()).isEqualTo("command");
    }

    @Test
    void storedPause_survivesRestart_andOneThatRanOutMeanwhileEndsAtOpen() throws Exception {
        List<Observation> events = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Instant until = clock.instant().plus(Duration.ofHours(2));
        RepairPause.open(dir, events::add, clock).pause(until, "alice", "01JF0000000000000000000000");

        RepairPause reopened = RepairPause.open(dir, events::add, clock);
        assertThat(reopened.current()).contains(new RepairPause.Pause(until, "alice", "01JF0000000000000000000000"));

        clock.advance(Duration.ofHours(3));
        RepairPause afterOutage = RepairPause.open(dir, events::add, clock);

        assertThat(afterOutage.current()).isEmpty();
        assertThat(events).extracting(Observation::type).containsExactly("repairs.paused", "repairs.resumed");
        assertThat(events.get(1).data().path("reason").asText()).isEqualTo("expired");
        assertThat(Files.exists(dir.resolve(RepairPause.FILE))).isFalse();
    }
}
