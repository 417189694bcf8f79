package dev.vigil.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.alerts.AlertAction.Open;
import dev.vigil.collector.alerts.AlertAction.Resolve;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static List<AlertAction> rules(
            String type, String subject, com.fasterxml.jackson.databind.node.ObjectNode d, String usual) {
        return AlertRules.forEvent(Payloads.event("s", type, Severity.INFO, subject, d), (site, g) -> usual);
    }

    @Test
    void masterChanged_awayFromTheUsualMaster_opensFailover() {
        assertThat(rules(
                        "vrrp.master_changed",
                        "vrrp/eth0/IPv4/10",
                        Json.object().put("master", "192.0.2.12").put("previous", "192.0.2.11"),
                        "192.0.2.11"))
                .anySatisfy(a -> assertThat(a)
                        .isInstanceOf(Open.class)
                        .extracting(AlertAction::rule)
                        .isEqualTo("failover"));
    }

    @Test
    void masterChanged_backToTheUsualMaster_resolvesFailover() {
        assertThat(rules(
                        "vrrp.master_changed",
                        "vrrp/eth0/IPv4/10",
                        Json.object().put("master", "192.0.2.11"),
                        "192.0.2.11"))
                .contains(new Resolve("failover", "vrrp/eth0/IPv4/10", "the usual master 192.0.2.11 is back"));
    }

    @Test
    void wanDownThenUp_openAndResolveOnTheSameSubject() {
        assertThat(rules("wan.down", "wan/wan1", Json.object().put("wan", "wan1"), null))
                .filteredOn(a -> a instanceof Open)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.subject()).isEqualTo("wan/wan1");
                    assertThat(((Open) a).severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(((Open) a).title()).isEqualTo("s: WAN wan1 down");
                });
        assertThat(rules("wan.up", "wan/wan1", Json.object(), null))
                .extracting(AlertAction::rule)
                .containsExactly("wan_down", "wan_degraded");
    }

    @Test
    void splitBrainActionFailedConfigMismatch_eachOpenTheirRule() {
        assertThat(rules("vrrp.split_brain", "g", Json.object(), null))
                .extracting(AlertAction::rule)
                .containsExactly("split_brain");
        assertThat(rules("vrrp.split_brain_cleared", "g", Json.object(), null))
                .singleElement()
                .isInstanceOf(Resolve.class);
        assertThat(rules("action.failed", "router/a", Json.object().put("error", "timeout"), null))
                .extracting(AlertAction::rule)
                .containsExactly("action_failed");
        assertThat(rules("vrrp.config_mismatch", "g", Json.object(), null))
                .extracting(AlertAction::rule)
                .containsExactly("config_mismatch");
        assertThat(rules("check.failed", "check/x", Json.object(), null)).isEmpty();
    }

    @Test
    void status_offlineOpensAndOnlineResolvesSiteOffline() {
        SiteStatus offline = new SiteStatus(Protocol.SCHEMA_VERSION, "s", "offline", Instant.now(), null, 0);
        SiteStatus online = new SiteStatus(Protocol.SCHEMA_VERSION, "s", "online", Instant.now(), null, 5);
        assertThat(AlertRules.forStatus(offline)).singleElement().isInstanceOf(Open.class);
        assertThat(AlertRules.forStatus(online)).singleElement().isInstanceOf(Resolve.class);
    }

    @Test
    void wanDown_withoutRtt_bodyOmitsTheUnknownFigure() {
        assertThat(rules(
                        "wan.down", "wan/wan1", Json.object().put("wan", "wan1").put("loss_pct", 100), null))
                .filteredOn(a -> a instanceof Open)
                .singleElement()
                .extracting(a -> ((Open) a).body())
                .isEqualTo("Loss 100 %.");
    }

    @Test
    void wanDegraded_withAllFigures_bodyNamesThemAll() {
        assertThat(rules(
                        "wan.degraded",
                        "wan/wan1",
                        Json.object()
                                .put("wan", "wan1")
                                .put("loss_pct", 12.5)
                                .put("rtt_ms", 80)
                                .put("reason", "loss above 10 %"),
                        null))
                .filteredOn(a -> a instanceof Open)
                .singleElement()
                .extracting(a -> ((Open) a).body())
                .isEqualTo("Loss 12.5 %, RTT 80 ms, loss above 10 %.");
    }

    @Test
    void wanDown_withoutFigures_bodySaysSoWithoutQuestionMarks() {
        assertThat(rules("wan.down", "wan/wan1", Json.object().put("wan", "wan1"), null))
                .filteredOn(a -> a instanceof Open)
                .singleElement()
                .extracting(a -> ((Open) a).body())
                .asString()
                .doesNotContain("?")
                .isEqualTo("No figures reported.");
    }
}
