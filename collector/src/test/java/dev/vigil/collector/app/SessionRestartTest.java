package dev.vigil.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.store.StoredMqttSession;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.testkit.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * Persistent MQTT sessions and API logins survive a collector restart: a phone that was offline while an alert was
 * raised gets it exactly once after the restart; a login still works, a logout stays a logout; expired sessions go.
 */
class SessionRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PHONE = "phone-of-vera";

    @Test
    void restart_sameH2File_offlinePhoneGetsTheMissedAlertExactlyOnce() throws Exception {
        try (RunningCollector collector = new RunningCollector()) {
            missedAlertSurvivesRestart(collector);
        }
    }

    @Test
    void restart_samePostgresDatabase_offlinePhoneGetsTheMissedAlertExactlyOnce() throws Exception {
        try (PostgresServer postgres = new PostgresServer()) {
            String url = postgres.newDatabase();
            try (RunningCollector collector = new RunningCollector(c -> c.withDb(url, "vigil", ""))) {
                missedAlertSurvivesRestart(collector);
            }
        }
    }

    @Test
    void restart_mosquittoSubWithPersistentSession_getsTheMissedAlertOnceAfterTheRestart() throws Exception {
        Path sub = Prerequisites.requireCommand("mosquitto_sub", "mosquitto-clients");
        try (RunningCollector collector = new RunningCollector()) {
            String password = collector.addSite("away");
            // -c: persistent session; -E: exit once the subscription is acknowledged
            String created = mosquittoSub(sub, collector, "-E");
            await(created)
                    .atMost(WAIT)
                    .until(() -> stored(collector, "mq-phone").isPresent());
            MqttClient agent = collector.connect("away-agent", "away", password);
            agent.publish("vigil/v1/sites/away/events", Payloads.wanDown("away", "wan1"), 1, false);
            agent.disconnect();
            agent.close();
            await().atMost(WAIT)
                    .until(() -> stored(collector, "mq-phone")
                            .map(s -> s.queued().size() == 1)
                            .orElse(false));
            String alertId = collector.app().alerts().unresolved("away").get(0).id();

            collector.restart();

            // -R: retained messages (the alert is also the retained message of its topic) are not printed
            String out = mosquittoSub(sub, collector, "-R", "-W", "3");
            assertThat(out.lines().filter(l -> l.startsWith("vigil/v1/alerts/away ")))
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains(alertId));
        }
    }

    private static String mosquittoSub(Path sub, RunningCollector collector, String... more) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(
                sub.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(collector.mqttPort()),
                "-u",
                "admin",
                "-P",
                RunningCollector.ADMIN_PASSWORD,
                "-c",
                "-i",
                "mq-phone",
                "-q",
                "1",
                "-t",
                "vigil/v1/alerts/+",
                "-v"));
        argv.addAll(List.of(more));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void restart_apiLogin_staysValid_andALogoutStaysALogout() throws Exception {
        try (RunningCollector collector = new RunningCollector()) {
            ApiClient kept = collector.admin();
            ApiClient leaving = collector.admin();

            collector.restart();

            kept = kept.withPort(collector.httpPort());
            leaving = leaving.withPort(collector.httpPort());
            assertThat(kept.get("/api/me").status()).isEqualTo(200);
            assertThat(leaving.get("/api/me").status()).isEqualTo(200);
            assertThat(leaving.post("/api/logout", "").status()).isEqualTo(204);
            assertThat(leaving.get("/api/me").status()).isEqualTo(401);

            collector.restart();

            assertThat(kept.withPort(collector.httpPort()).get("/api/me").status())
                    .isEqualTo(200);
            assertThat(leaving.withPort(collector.httpPort()).get("/api/me").status())
                    .isEqualTo(401);
            assertThat(collector.app().stores().apiSessions().all())
                    .hasSize(1)
                    .allSatisfy(s -> assertThat(s.tokenHash()).hasSize(64).matches("[0-9a-f]+"));
        }
    }

    @Test
    void persistentSession_clientAwayPastItsExpiry_isPurgedFromMemoryAndStore() throws Exception {
        try (RunningCollector collector = new RunningCollector(
                c -> c.withMqttSessions(CollectorConfig.DEFAULT_CONNECT_DEADLINE, Duration.ofSeconds(1)))) {
            MqttClient phone =
                    collector.connect(PHONE, "admin", RunningCollector.ADMIN_PASSWORD, o -> o.setCleanSession(false));
            phone.subscribe("vigil/v1/alerts/+", 1);
            await().atMost(WAIT).until(() -> stored(collector).isPresent());
            phone.disconnect();
            phone.close();

            await().atMost(WAIT).until(() -> stored(collector).isEmpty());

            // and it does not come back with a restart
            collector.restart();
            assertThat(stored(collector)).isEmpty();
        }
    }

    private static void missedAlertSurvivesRestart(RunningCollector collector) throws Exception {
        String password = collector.addSite("away");
        MqttClient phone =
                collector.connect(PHONE, "admin", RunningCollector.ADMIN_PASSWORD, o -> o.setCleanSession(false));
        phone.subscribe("vigil/v1/alerts/+", 1);
        phone.disconnect();
        phone.close();

        MqttClient agent = collector.connect("away-agent", "away", password);
        agent.publish("vigil/v1/sites/away/events", Payloads.wanDown("away", "wan1"), 1, false);
        agent.disconnect();
        agent.close();
        await().atMost(WAIT)
                .until(() -> stored(collector).map(s -> s.queued().size() == 1).orElse(false));
        String alertId = collector.app().alerts().unresolved("away").get(0).id();

        collector.restart();

        List<String> got = new CopyOnWriteArrayList<>();
        MqttClient again = new MqttClient(
                collector.mqttUrl(), PHONE, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        again.setCallback(new Collecting(got));
        var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setUserName("admin");
        options.setPassword(RunningCollector.ADMIN_PASSWORD.toCharArray());
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        assertThat(again.connectWithResult(options).getSessionPresent()).isTrue();
        await().atMost(WAIT).until(() -> !got.isEmpty());
        // acknowledged: gone from the store; nothing else arrives
        await().atMost(WAIT)
                .until(() -> stored(collector).map(s -> s.queued().isEmpty()).orElse(false));
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).startsWith("vigil/v1/alerts/away ").contains(alertId);
        again.disconnect();
        again.close();

        // a new alert reaches the restored subscription as well
        MqttClient agent2 = collector.connect("away-agent", "away", password);
        MqttClient phone2 = new MqttClient(
                collector.mqttUrl(), PHONE, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        List<String> later = new CopyOnWriteArrayList<>();
        phone2.setCallback(new Collecting(later));
        phone2.connect(options);
        agent2.publish("vigil/v1/sites/away/events", Payloads.wanDown("away", "wan2"), 1, false);
        await().atMost(WAIT).until(() -> later.stream().anyMatch(m -> m.contains("wan2")));
        assertThat(later).noneMatch(m -> m.contains(alertId));
        agent2.disconnect();
        phone2.disconnect();
    }

    private static Optional<StoredMqttSession> stored(RunningCollector collector) {
        return stored(collector, PHONE);
    }

    private static Optional<StoredMqttSession> stored(RunningCollector collector, String clientId) {
        return collector.app().stores().mqttSessions().all().stream()
                .filter(s -> s.clientId().equals(clientId))
                .findFirst();
    }

    private record Collecting(List<String> got) implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            got.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
