package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.packaging.docker.testing.ShippedMosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped mosquitto.conf and ACL on a real mosquitto: logins, per-site topics, shared subscriptions. */
class MosquittoConfigTest {
    private static final String SHARED = "$share/vigil/vigil/v1/sites/#";
    private static ShippedMosquitto broker;
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = ShippedMosquitto.start(
                Map.of("collector", "collector-pw", "acme-hq", "acme-pw", "beta-branch", "beta-pw"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void disconnect() throws MqttException {
        for (MqttClient c : clients) {
            if (c.isConnected()) {
                c.disconnectForcibly(1000);
            }
            c.close();
        }
    }

    private MqttClient connect(String user, String password) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), user + "-" + System.nanoTime(), new MemoryPersistence());
        clients.add(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setConnectionTimeout(5);
        client.connect(options);
        return client;
    }

    /**
     * Paho 1.2.5 matches a message against the subscription filter to find a per-subscription listener, and
     * "$share/..." matches no topic, so the client-wide callback receives the shared messages.
     */
    private static List<String> collect(MqttClient collector) throws MqttException {
        List<String> got = new CopyOnWriteArrayList<>();
        collector.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage msg) {
                got.add(topic + " " + new String(msg.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        collector.subscribe(SHARED, 1);
        return got;
    }

    @Test
    void connect_wrongPassword_isRefused() {
        assertThatThrownBy(() -> connect("acme-hq", "not-the-password"))
                .isInstanceOf(MqttException.class)
                .extracting(e -> ((MqttException) e).getReasonCode())
                .isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION, (int)
                        MqttException.REASON_CODE_NOT_AUTHORIZED);
    }

    @Test
    void publish_siteOnItsOwnTopic_reachesTheCollectorsSharedSubscription() throws MqttException {
        List<String> got = collect(connect("collector", "collector-pw"));

        connect("acme-hq", "acme-pw")
                .publish("vigil/v1/sites/acme-hq/events", "e1".getBytes(StandardCharsets.UTF_8), 1, false);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("vigil/v1/sites/acme-hq/events e1"));
    }

    @Test
    void publish_siteOnAnotherSitesTopic_isDropped() throws MqttException {
        List<String> got = collect(connect("collector", "collector-pw"));
        MqttClient acme = connect("acme-hq", "acme-pw");

        acme.publish("vigil/v1/sites/beta-branch/events", "forged".getBytes(StandardCharsets.UTF_8), 1, false);
        acme.publish("vigil/v1/sites/acme-hq/events", "marker".getBytes(StandardCharsets.UTF_8), 1, false);

        // Same client, QoS 1: once the later marker is in, the forged message would have been too.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> got.contains("vigil/v1/sites/acme-hq/events marker"));
        assertThat(got).noneMatch(m -> m.contains("forged"));
    }

    @Test
    void sharedSubscription_twoCollectors_splitTheMessagesWithoutDuplicates() throws MqttException {
        List<String> first = collect(connect("collector", "collector-pw"));
        List<String> second = collect(connect("collector", "collector-pw"));
        MqttClient beta = connect("beta-branch", "beta-pw");

        for (int i = 0; i < 20; i++) {
            beta.publish("vigil/v1/sites/beta-branch/metrics", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.size() + second.size() >= 20);
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        assertThat(all).hasSize(20).doesNotHaveDuplicates();
        assertThat(first).as("round-robin reaches both collectors").isNotEmpty();
        assertThat(second).as("round-robin reaches both collectors").isNotEmpty();
    }
}
