package dev.vigil.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/** A restart keeps sites, users, events, state, retained messages and open alerts — on H2 and PostgreSQL. */
class RestartTest {

    @Test
    void restart_sameH2File_keepsEverything() throws Exception {
        try (RunningCollector collector = new RunningCollector()) {
            restartKeepsEverything(collector);
        }
    }

    @Test
    void restart_samePostgresDatabase_keepsEverything() throws Exception {
        try (PostgresServer postgres = new PostgresServer()) {
            String url = postgres.newDatabase();
            try (RunningCollector collector = new RunningCollector(c -> c.withDb(url, "vigil", ""))) {
                restartKeepsEverything(collector);
            }
        }
    }

    @Test
    void restart_afterRetainedStateWasCleared_doesNotBringItBack() throws Exception {
        try (RunningCollector collector = new RunningCollector()) {
            String password = collector.addSite("cleared");
            MqttClient agent = collector.connect("cleared-agent", "cleared", password);
            agent.publish("vigil/v1/sites/cleared/status", Payloads.status("cleared", SiteStatus.ONLINE), 1, true);
            agent.publish("vigil/v1/sites/cleared/state", Payloads.state("cleared", "192.0.2.11"), 1, true);
            agent.publish("vigil/v1/sites/cleared/state", new byte[0], 1, true);
            agent.disconnect();

            collector.restart();

            List<String> got = new CopyOnWriteArrayList<>();
            MqttClient phone = collector.connect("phone-cleared", "admin", RunningCollector.ADMIN_PASSWORD);
            phone.subscribe("vigil/v1/sites/cleared/#", 1, (t, m) -> got.add(t + (m.isRetained() ? " retained" : "")));
            MqttClient again = collector.connect("cleared-agent", "cleared", password);
            again.publish("vigil/v1/sites/cleared/events", Payloads.info("cleared"), 1, false);
            again.disconnect();
            // the event is routed after the retained messages of the subscription: once it is here, they are too
            await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("vigil/v1/sites/cleared/events"));
            assertThat(got)
                    .contains("vigil/v1/sites/cleared/status retained")
                    .noneMatch(r -> r.startsWith("vigil/v1/sites/cleared/state"));
            phone.disconnect();
        }
    }

    private static void restartKeepsEverything(RunningCollector collector) throws Exception {
        String password = collector.addSite("keep");
        MqttClient agent = collector.connect("keep-agent", "keep", password);
        agent.publish("vigil/v1/sites/keep/status", Payloads.status("keep", SiteStatus.ONLINE), 1, true);
        agent.publish("vigil/v1/sites/keep/state", Payloads.state("keep", "192.0.2.11"), 1, true);
        agent.publish("vigil/v1/sites/keep/events", Payloads.wanDown("keep", "wan1"), 1, false);
        agent.disconnect();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> collector.app().alerts().unresolved("keep").size() == 1);
        String alertId = collector.app().alerts().unresolved("keep").get(0).id();

        collector.restart();

        ApiClient admin = collector.admin();
        assertThat(admin.get("/api/sites/keep/events").json().get("events")).hasSize(1);
        var detail = admin.get("/api/sites/keep").json();
        assertThat(detail.get("master").asText()).isEqualTo("192.0.2.11");
        assertThat(detail.get("alerts").get(0).get("id").asText()).isEqualTo(alertId);
        List<String> retained = new CopyOnWriteArrayList<>();
        MqttClient phone = collector.connect("phone", "admin", RunningCollector.ADMIN_PASSWORD);
        phone.subscribe(
                "vigil/v1/#", 1, (t, m) -> retained.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).until(() -> retained.size() >= 3);
        assertThat(retained)
                .anyMatch(r -> r.startsWith("vigil/v1/sites/keep/state "))
                .anyMatch(r -> r.startsWith("vigil/v1/sites/keep/status "))
                .anyMatch(r -> r.startsWith("vigil/v1/alerts/keep ") && r.contains(alertId));
        phone.disconnect();
        MqttClient again = collector.connect("keep-agent", "keep", password);
        again.publish("vigil/v1/sites/keep/events", Payloads.wanUp("keep", "wan1"), 1, false);
        again.disconnect();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> collector.app().alerts().unresolved("keep").isEmpty());
    }
}
