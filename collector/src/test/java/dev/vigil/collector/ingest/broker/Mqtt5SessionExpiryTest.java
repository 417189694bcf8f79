package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.store.StoredMqttSession;
import dev.vigil.collector.testing.RunningCollector;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MQTT 5 Session Expiry Interval: 0 ends the session with the connection, more is capped at the configured expiry. */
class Mqtt5SessionExpiryTest {
    private static final Duration MAX = Duration.ofHours(1);
    private static RunningCollector collector;

    @BeforeAll
    static void start() {
        collector = new RunningCollector(c -> c.withMqttSessions(CollectorConfig.DEFAULT_CONNECT_DEADLINE, MAX));
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static IMqttToken connect(MqttClient client, Long expirySeconds) throws Exception {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("admin");
        o.setPassword(RunningCollector.ADMIN_PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        o.setCleanStart(false);
        o.setSessionExpiryInterval(expirySeconds);
        o.setAutomaticReconnect(false);
        return client.connectWithResult(o);
    }

    @Test
    void cleanStartFalse_expiryAboveTheMaximum_isCappedInConnack_andStored() throws Exception {
        MqttClient client = new MqttClient(collector.mqttUrl(), "v5-long", new MemoryPersistence());
        IMqttToken token = connect(client, 30L * 24 * 3600);
        assertThat(token.getResponseProperties().getSessionExpiryInterval()).isEqualTo(MAX.toSeconds());
        client.subscribe("vigil/v1/alerts/+", 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stored("v5-long")
                        .map(s -> s.expirySeconds() == MAX.toSeconds()
                                && s.subscriptions().containsKey("vigil/v1/alerts/+"))
                        .orElse(false));
        client.disconnect();
        client.close();
    }

    @Test
    void cleanStartFalse_noExpiry_endsWithTheConnection_andIsNeverStored() throws Exception {
        MqttClient client = new MqttClient(collector.mqttUrl(), "v5-none", new MemoryPersistence());
        connect(client, null);
        client.subscribe("vigil/v1/alerts/+", 1);
        client.disconnect();
        client.close();

        MqttClient again = new MqttClient(collector.mqttUrl(), "v5-none", new MemoryPersistence());
        assertThat(connect(again, null).getSessionPresent()).isFalse();
        again.disconnect();
        again.close();
        assertThat(stored("v5-none")).isEmpty();
    }

    private static Optional<StoredMqttSession> stored(String clientId) {
        return collector.app().stores().mqttSessions().all().stream()
                .filter(s -> s.clientId().equals(clientId))
                .findFirst();
    }
}
