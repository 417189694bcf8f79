package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.testkit.routeros.SimRouter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailoverPolicyTest {
    private final PolicyFixture f = new PolicyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void masterWanDown_backupWanUp_demotesMasterAndMovesServices() {
        f.start(PolicyFixture.config(false, 20)).tick();
        assertThat(f.actions()).isEmpty();
        f.wan("wan1", "down");
        assertThat(f.actions())
                .containsExactly(
                        "action.executed router-a set_vrrp_priority 100->50",
                        "action.executed router-b enable_nat true->false",
                        "action.executed router-b enable_dhcp true->false",
                        "action.executed router-a disable_nat false->true",
                        "action.executed router-a disable_dhcp false->true",
                        "action.executed router-b run_script 0->1");
        assertThat(f.b.vrrp("vrrp1").orElseThrow()).containsEntry("master", "true");
        Observation demote = f.of("action.executed").get(0);
        assertThat(demote.subject()).isEqualTo("router/router-a");
        assertThat(demote.data().path("rule").asText()).isEqualTo("wan_aware_vrrp");
        assertThat(demote.data().path("dry_run").asBoolean()).isFalse();
        assertThat(demote.data().path("reason").asText()).contains("wan1").contains("router-b");
    }

    @Test
    void wanBack_restoredOnlyAfterHold_thenNothingFlaps() {
        f.start(PolicyFixture.config(false, 20));
        f.wan("wan1", "down");
        int afterDemotion = f.actions().size();
        f.wan("wan1", "up");
        f.clock.advance(Duration.ofSeconds(20));
        f.policy.tick();
        assertThat(f.actions()).hasSize(afterDemotion);
        f.clock.advance(Duration.ofSeconds(11));
        f.policy.tick();
        assertThat(f.actions().subList(afterDemotion, f.actions().size()))
                .containsExactly(
                        "action.executed router-a set_vrrp_priority 50->100",
                        "action.executed router-a enable_nat true->false",
                        "action.executed router-a enable_dhcp true->false",
                        "action.executed router-b disable_nat false->true",
                        "action.executed router-b disable_dhcp false->true");
        int settled = f.actions().size();
        for (int i = 0; i < 5; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            f.policy.tick();
        }
        assertThat(f.actions()).hasSize(settled);
        assertThat(f.a.vrrp("vrrp1").orElseThrow())
                .containsEntry("master", "true")
                .containsEntry("priority", "100");
    }

    @Test
    void wanDownAgainDuringHold_holdRestarts() {
        f.start(PolicyFixture.config(false, 20));
        f.wan("wan1", "down");
        f.wan("wan1", "up");
        f.clock.advance(Duration.ofSeconds(25));
        f.wan("wan1", "down");
        f.wan("wan1", "up");
        f.clock.advance(Duration.ofSeconds(25));
        f.policy.tick();
        assertThat(f.a.vrrp("vrrp1").orElseThrow()).containsEntry("priority", "50");
    }

    @Test
    void dryRun_reportsPlannedChangeAndWritesNothing() {
        f.start(PolicyFixture.config(true, 20));
        f.wan("wan1", "down");
        Observation first = f.of("action.executed").get(0);
        assertThat(first.data().path("dry_run").asBoolean()).isTrue();
        assertThat(first.data().path("after").asText()).isEqualTo("50");
        assertThat(f.a.writes()).isEmpty();
        assertThat(f.b.writes()).isEmpty();
    }

    @Test
    void bothWansDown_skippedOnceWithReason() {
        f.start(PolicyFixture.config(false, 20));
        f.wans.put("wan2", "down");
        f.wan("wan1", "down");
        f.policy.tick();
        List<Observation> skipped = f.of("action.skipped").stream()
                .filter(o -> o.data().path("rule").asText().equals("wan_aware_vrrp"))
                .toList();
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0).data().path("reason").asText())
                .isEqualTo("the WANs of router-b are down: demoting router-a would not help");
        assertThat(f.a.writes()).noneMatch(w -> w.startsWith(SimRouter.VRRP));
    }

    @Test
    void splitBrainObserved_noActionUnlessConfigured() {
        f.start(PolicyFixture.config(false, 20));
        f.policy.accept(new Observation(
                f.clock.instant(), "vrrp.split_brain", Severity.CRITICAL, "vrrp/eth0/IPv4/1", Json.object()));
        f.wan("wan1", "down");
        assertThat(f.of("action.executed")).isEmpty();
        assertThat(f.of("action.skipped").get(0).data().path("reason").asText()).startsWith("split brain");
    }

    @Test
    void natCommentMatchesNothing_skippedWithReason() {
        f.a.table(SimRouter.NAT).update("*1", Map.of("comment", "other"));
        f.start(PolicyFixture.config(false, 20)).tick();
        assertThat(f.of("action.skipped"))
                .extracting(o -> o.data().path("reason").asText())
                .contains("no NAT rules on router-a have comment 'vigil:nat'");
    }

    @Test
    void natCommentMatchesTwoRules_skippedNeverGuessed() {
        f.b.table(SimRouter.NAT)
                .add(Map.of("chain", "srcnat", "action", "masquerade", "comment", "vigil:nat", "disabled", "true"));
        f.start(PolicyFixture.config(false, 20));
        f.wan("wan1", "down");
        assertThat(f.of("action.skipped"))
                .extracting(o -> o.data().path("reason").asText())
                .contains("2 NAT rules on router-b have comment 'vigil:nat': refusing to guess which");
        assertThat(f.b.writes()).noneMatch(w -> w.startsWith(SimRouter.NAT));
    }

    @Test
    void routerDoesNotConverge_failedAndRolledBack() {
        f.b.ignoreWritesTo(SimRouter.DHCP);
        f.start(PolicyFixture.config(false, 20));
        f.wan("wan1", "down");
        List<Observation> failed = f.of("action.failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).data().path("action").asText()).isEqualTo("enable_dhcp");
        assertThat(failed.get(0).data().path("error").asText()).contains("did not show disabled=false within 2000 ms");
        assertThat(failed.get(0).data().path("rolled_back").asBoolean()).isTrue();
    }

    @Test
    void actionBudgetExhausted_furtherActionsSkipped() {
        f.start(PolicyFixture.config(false, 1));
        f.wan("wan1", "down");
        assertThat(f.of("action.skipped"))
                .extracting(o -> o.data().path("reason").asText())
                .anyMatch(r -> r.startsWith("action budget exhausted: 1 actions on router-a"));
    }

    @Test
    void scriptMissing_skipped() {
        f.b.table(SimRouter.SCRIPT).update("*1", Map.of("name", "something-else"));
        f.start(PolicyFixture.config(false, 20));
        f.wan("wan1", "down");
        assertThat(f.of("action.skipped"))
                .extracting(o -> o.data().path("reason").asText())
                .contains("no script named 'notify-isp' on router-b");
    }
}
