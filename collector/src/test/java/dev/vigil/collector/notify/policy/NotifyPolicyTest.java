package dev.vigil.collector.notify.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import dev.vigil.collector.notify.QuietHours;
import dev.vigil.collector.notify.maintenance.WindowJson;
import dev.vigil.collector.notify.routing.RoutingRule;
import dev.vigil.collector.notify.testing.RecordingChannels.Sent;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the policy sends for each alert change, on a fake clock. */
class NotifyPolicyTest {
    private PolicyHarness h = new PolicyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private void rule(String json) {
        h.rules.add(RoutingRule.fromJson("r" + h.rules.all().size(), WireCodec.readTree(json), c -> true));
    }

    private List<String> kindsTo(String channel) {
        return h.channels.sentTo(channel).stream()
                .map(s -> s.notification().kind() + ":" + s.notification().title())
                .toList();
    }

    @Test
    void noRules_warningAndCritical_goToEveryChannelInfoNowhere() {
        h.channels.add("a", "ntfy").add("b", "tgram");
        h.open("s1", "wan_down", Severity.CRITICAL);
        h.open("s1", "failover", Severity.WARNING);
        h.open("s1", "note", Severity.INFO);
        assertThat(kindsTo("a")).containsExactly("ALERT:s1: wan_down 1", "ALERT:s1: failover 2");
        assertThat(kindsTo("b")).containsExactly("ALERT:s1: wan_down 1", "ALERT:s1: failover 2");
    }

    @Test
    void alert_content_carriesPriorityLinksAndGroupKey() {
        h.channels.add("a", "ntfy");
        AlertRecord a = h.open("s1", "wan_down", Severity.CRITICAL);
        h.open("s1", "failover", Severity.WARNING);
        Notification n = h.channels.sent().get(0).notification();
        assertThat(n.priority()).isEqualTo(5);
        assertThat(h.channels.sent().get(1).notification().priority()).isEqualTo(4);
        assertThat(n.clickUrl()).isEqualTo(PolicyHarness.PUBLIC_URL + "/#/sites/s1");
        assertThat(n.ackUrl()).startsWith(PolicyHarness.PUBLIC_URL + "/ack/" + a.id() + ".");
        assertThat(n.groupKey()).isEqualTo("vigil-" + a.id()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(n.tags()).containsExactly("rotating_light", "wan_down");
    }

    @Test
    void rules_tagKindAndSeverity_routeOnlyWhatMatches() {
        h.close();
        h = new PolicyHarness(
                Map.of("shop", List.of("retail"), "office", List.of("hq")),
                site -> "office".equals(site) ? Optional.of("acme") : Optional.empty(),
                NotifySettings.defaults(null));
        h.channels.add("retail-phone", "ntfy").add("acme-mail", "mailto").add("unused", "ntfy");
        rule("{\"tag\":\"retail\",\"min_severity\":\"critical\",\"channels\":[\"retail-phone\"]}");
        rule("{\"customer\":\"acme\",\"kind\":\"wan_down\",\"channels\":[\"acme-mail\"]}");

        h.open("shop", "wan_down", Severity.CRITICAL);
        h.open("shop", "failover", Severity.WARNING); // below the rule's minimum
        h.open("office", "wan_down", Severity.WARNING);
        h.open("office", "failover", Severity.CRITICAL); // another kind
        h.open("elsewhere", "wan_down", Severity.CRITICAL); // no rule matches: with rules, no default route

        assertThat(kindsTo("retail-phone")).containsExactly("ALERT:shop: wan_down 1");
        assertThat(kindsTo("acme-mail")).containsExactly("ALERT:office: wan_down 3");
        assertThat(kindsTo("unused")).isEmpty();
        assertThat(h.channels.sent().get(0).notification().ackUrl()).isNull(); // no public URL, no ack link
    }

    @Test
    void quietHours_warningHeldCriticalOverridesWhenAllowed() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Berlin"), true);
        QuietHours strict = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Berlin"), false);
        h.channels.add("night", "ntfy", night).add("strict", "ntfy", strict);
        h.clock.set(java.time.Instant.parse("2026-03-02T23:30:00Z")); // 00:30 in Berlin
        h.open("s1", "failover", Severity.WARNING);
        h.open("s1", "wan_down", Severity.CRITICAL);
        h.clock.set(java.time.Instant.parse("2026-03-03T06:30:00Z")); // 07:30 in Berlin
        h.open("s1", "failover", Severity.WARNING);

        assertThat(kindsTo("night")).containsExactly("ALERT:s1: wan_down 2", "ALERT:s1: failover 3");
        assertThat(kindsTo("strict")).containsExactly("ALERT:s1: failover 3");
    }

    @Test
    void escalation_notAcknowledged_remindsEveryNAndEscalatesAfterM() {
        h.channels.add("first", "ntfy").add("boss", "pover");
        rule("{\"channels\":[\"first\"],\"repeat_minutes\":10,\"escalate_after_minutes\":30,"
                + "\"escalate_to\":[\"boss\"]}");
        AlertRecord a = h.open("s1", "wan_down", Severity.CRITICAL);
        h.clock.advance(Duration.ofMinutes(9));
        h.policy.tick();
        assertThat(kindsTo("first")).hasSize(1);
        for (int i = 0; i < 3; i++) {
            h.clock.advance(Duration.ofMinutes(i == 0 ? 1 : 10));
            h.policy.tick();
        }
        assertThat(kindsTo("first"))
                .containsExactly(
                        "ALERT:s1: wan_down 1",
                        "REMINDER:Reminder: s1: wan_down 1",
                        "REMINDER:Reminder: s1: wan_down 1",
                        "REMINDER:Reminder: s1: wan_down 1");
        assertThat(kindsTo("boss")).containsExactly("ESCALATION:Escalated: s1: wan_down 1");
        assertThat(h.channels.sentTo("boss").get(0).notification().ackUrl())
                .isEqualTo(h.channels.sentTo("first").get(0).notification().ackUrl());

        h.acknowledge(a);
        int before = h.channels.sent().size();
        h.clock.advance(Duration.ofHours(2));
        h.policy.tick();
        assertThat(h.channels.sent()).hasSize(before);
    }

    @Test
    void escalation_resolvedBeforeDue_stopsAndSendsOneResolvedToEveryoneTold() {
        h.channels.add("first", "ntfy").add("boss", "pover");
        rule("{\"channels\":[\"first\"],\"repeat_minutes\":10,\"escalate_after_minutes\":30,"
                + "\"escalate_to\":[\"boss\"]}");
        AlertRecord a = h.open("s1", "wan_down", Severity.CRITICAL);
        h.clock.advance(Duration.ofMinutes(5));
        h.resolve(a);
        h.clock.advance(Duration.ofHours(1));
        h.policy.tick();
        assertThat(kindsTo("first")).containsExactly("ALERT:s1: wan_down 1", "RESOLVED:Resolved: s1: wan_down 1");
        assertThat(kindsTo("boss")).isEmpty();
        Notification resolved = h.channels.sent().get(1).notification();
        assertThat(resolved.groupKey())
                .isEqualTo(h.channels.sent().get(0).notification().groupKey());
        assertThat(resolved.priority()).isLessThan(3);
        assertThat(resolved.message()).isEqualTo("Resolved after 5 min.");
    }

    @Test
    void restart_updateOfAnAlertOpenedBeforeTheStart_isNotToldAgain() {
        h.channels.add("a", "ntfy");
        AlertRecord before = new AlertRecord(
                "01HZOLD",
                "s1",
                "wan_down",
                "wan/wan1",
                Severity.CRITICAL,
                AlertRecord.OPEN,
                "s1: WAN wan1 down",
                "Loss 80 %.",
                null,
                PolicyHarness.T0.minusSeconds(600),
                PolicyHarness.T0,
                null);
        h.policy.onChange(before);
        assertThat(h.channels.sent()).isEmpty();
    }

    @Test
    void update_ofAnAlertAlreadyTold_sendsNothingMore() {
        h.channels.add("a", "ntfy");
        AlertRecord a = h.open("s1", "wan_down", Severity.CRITICAL);
        h.policy.onChange(a.with(AlertRecord.OPEN, "Loss 80 %.", h.clock.instant(), null));
        assertThat(h.channels.sent()).hasSize(1);
    }

    @Test
    void offlineSite_childAlertsHeld_oneSummaryAfterSettle() {
        h.channels.add("a", "ntfy");
        AlertRecord offline = h.open("s1", "site_offline", Severity.CRITICAL);
        h.open("s1", "wan_down", Severity.CRITICAL);
        h.open("s1", "router_unreachable", Severity.CRITICAL);
        h.open("s2", "wan_down", Severity.CRITICAL); // another site is not held
        h.clock.advance(Duration.ofMinutes(10));
        h.resolve(offline);
        h.open("s1", "master_lost", Severity.CRITICAL); // replayed by the agent once back
        h.clock.advance(Duration.ofMinutes(1));
        h.policy.tick();
        assertThat(kindsTo("a")).containsExactly("ALERT:s1: site_offline 1", "ALERT:s2: wan_down 4");
        assertThat(h.policy.muted()).hasSize(3).containsValue("site offline");

        h.clock.advance(Duration.ofMinutes(1));
        h.policy.tick();
        List<Sent> sent = h.channels.sentTo("a");
        assertThat(sent).hasSize(3);
        Notification summary = sent.get(2).notification();
        assertThat(summary.kind()).isEqualTo(NotificationKind.SUMMARY);
        assertThat(summary.groupKey()).isEqualTo(sent.get(0).notification().groupKey());
        assertThat(summary.message())
                .isEqualTo("Back online after 10 min. Meanwhile 3 alerts:\n- s1: wan_down 2\n- s1: router_unreachable 3"
                        + "\n- s1: master_lost 5");
    }

    @Test
    void offlineSite_goneAgainBeforeSummary_isNotToldTwice() {
        h.channels.add("a", "ntfy");
        AlertRecord first = h.open("s1", "site_offline", Severity.CRITICAL);
        h.resolve(first);
        h.open("s1", "site_offline", Severity.CRITICAL);
        h.clock.advance(Duration.ofMinutes(5));
        h.policy.tick();
        assertThat(kindsTo("a")).containsExactly("ALERT:s1: site_offline 1");
    }

    @Test
    void storm_pastThresholdPerChannelAndMinute_oneDigestWhenTheMinuteEnds() {
        h.close();
        h = new PolicyHarness(
                Map.of(),
                dev.vigil.collector.notify.routing.SiteCustomers.NONE,
                NotifySettings.defaults(null).withStormPerMinute(20));
        h.channels.add("a", "ntfy");
        for (int i = 0; i < 1000; i++) {
            h.open("site" + i, "site_offline", Severity.CRITICAL);
        }
        assertThat(h.channels.sent()).hasSize(20);
        h.clock.advance(Duration.ofSeconds(59));
        h.policy.tick();
        assertThat(h.channels.sent()).hasSize(20);
        h.clock.advance(Duration.ofSeconds(1));
        h.policy.tick();
        h.policy.tick();
        assertThat(h.channels.sent()).hasSize(21);
        Notification digest = h.channels.sent().get(20).notification();
        assertThat(digest.kind()).isEqualTo(NotificationKind.DIGEST);
        assertThat(digest.priority()).isEqualTo(5);
        assertThat(digest.title()).isEqualTo("Vigil: 980 alerts in one minute");
        assertThat(digest.message()).endsWith("… and 960 more");
    }

    @Test
    void maintenance_weeklyWindowAndSnooze_muteWhileActiveOnly() {
        h.close();
        h = new PolicyHarness(
                Map.of("shop", List.of("retail")),
                dev.vigil.collector.notify.routing.SiteCustomers.NONE,
                NotifySettings.defaults(null));
        h.channels.add("a", "ntfy");
        // Mondays 10:30–11:30 UTC for every retail site
        h.maintenance.add(WindowJson.maintenance(
                "m1",
                WireCodec.readTree("{\"tags\":[\"retail\"],\"weekly\":{\"days\":[\"mon\"],\"start\":\"10:30\","
                        + "\"minutes\":60,\"zone\":\"UTC\"},\"reason\":\"backups\"}"),
                "ops"));
        h.open("shop", "wan_down", Severity.CRITICAL); // 10:00: before the window
        h.clock.advance(Duration.ofMinutes(45));
        AlertRecord during = h.open("shop", "failover", Severity.WARNING);
        h.clock.advance(Duration.ofDays(7));
        h.open("shop", "master_lost", Severity.CRITICAL); // next Monday, in the window again
        h.clock.advance(Duration.ofHours(1));
        h.maintenance.add(WindowJson.snooze(
                "s1", WireCodec.readTree("{\"site\":\"shop\",\"for\":\"4h\"}"), "ops", h.clock.instant()));
        h.open("shop", "split_brain", Severity.CRITICAL);
        h.clock.advance(Duration.ofHours(4));
        h.open("shop", "router_unreachable", Severity.CRITICAL);

        assertThat(kindsTo("a")).containsExactly("ALERT:shop: wan_down 1", "ALERT:shop: router_unreachable 5");
        assertThat(h.policy.muted())
                .containsEntry(during.id(), "maintenance m1 (backups)")
                .hasSize(3);
        h.resolve(during);
        assertThat(h.policy.muted()).hasSize(2);
        assertThat(h.channels.sent()).hasSize(2); // the resolve of a muted alert is not sent either
    }

    @Test
    void flapping_subjectFlaps_itsFurtherAlertsAndResolvesAreNotSentUntilCalm() {
        h.channels.add("a", "ntfy");
        AlertRecord first = h.open("s1", "wan_down", "wan/wan1", Severity.CRITICAL);
        AlertRecord flap = h.open("s1", "flapping", "wan/wan1", Severity.WARNING);
        h.resolve(first);
        AlertRecord bounce = h.open("s1", "wan_down", "wan/wan1", Severity.CRITICAL);
        h.resolve(bounce);
        h.open("s1", "wan_down", "wan/wan2", Severity.CRITICAL); // another WAN is not flapping
        h.resolve(flap);
        h.open("s1", "wan_down", "wan/wan1", Severity.CRITICAL); // calm again: told as usual
        assertThat(kindsTo("a"))
                .containsExactly(
                        "ALERT:s1: wan_down 1",
                        "ALERT:s1: flapping 2",
                        "ALERT:s1: wan_down 4",
                        "RESOLVED:Resolved: s1: flapping 2",
                        "ALERT:s1: wan_down 5");
    }
}
