package dev.vigil.agent.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher's side of commands: subscribed on connect, handed off Paho's thread, an ACL denial tolerated. */
class PahoCommandsTest {
    private static final String SITE = "paho-cmd";
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path dir;

    private record Received(String text, String thread) {}

    @Test
    void commandTopicMessages_reachTheHandlerOnItsOwnThread_inOrder() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        try (MosquittoBroker broker = Brokers.persistent().start();
                FileOutbox outbox = FileOutbox.open(dir, OutboxSettings.defaults(), Clock.systemUTC());
                Publisher publisher = publisher(broker, outbox)) {
            publisher.onCommand(payload -> received.add(new Received(
                    new String(payload, UTF_8), Thread.currentThread().getName())));
            publisher.start();
            await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);
            MqttClient other = new MqttClient(broker.url(), "other-" + UUID.randomUUID(), new MemoryPersistence());
            other.connect();
            for (int i = 0; i < 5; i++) {
                other.publish(TOPICS.commands(SITE), ("c" + i).getBytes(UTF_8), 1, false);
            }
            other.publish(TOPICS.commands("another-site"), "not ours".getBytes(UTF_8), 1, false);
            other.disconnect();
            other.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 5);
            assertThat(received).extracting(Received::text).containsExactly("c0", "c1", "c2", "c3", "c4");
            assertThat(received).extracting(Received::thread).containsOnly("vigil-commands");
            assertThatThrownBy(() -> publisher.onCommand(p -> {})).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Mosquitto 2.0.11 grants the subscription and then delivers nothing; a broker answering 0x80 is logged once. */
    @Test
    void commandsTopicDeniedByTheBrokerAcl_eventsStillDelivered_connectionKept() throws Exception {
        Path acl = Files.writeString(
                dir.resolve("acl"),
                String.join(
                        "\n",
                        "topic write vigil/v1/sites/+/events",
                        "topic write vigil/v1/sites/+/status",
                        "topic write vigil/v1/sites/+/state",
                        "topic read vigil/v1/sites/+/events",
                        ""),
                UTF_8);
        Path outboxDir = Files.createDirectories(dir.resolve("outbox"));
        try (MosquittoBroker broker =
                        Brokers.persistent().withConfig("acl_file " + acl).start();
                MqttRecorder recorder = new MqttRecorder(broker.url(), TOPICS.events(SITE));
                FileOutbox outbox = FileOutbox.open(outboxDir, OutboxSettings.defaults(), Clock.systemUTC());
                Publisher publisher = publisher(broker, outbox)) {
            publisher.onCommand(payload -> {});
            publisher.start();
            new OutboxSink(SITE, outbox, Clock.systemUTC())
                    .accept(new Observation(Instant.now(), "agent.started", Severity.INFO, "agent", Json.object()));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> recorder.events(TOPICS.events(SITE)).size() == 1);
            assertThat(publisher.isConnected()).isTrue();
            assertThat(publisher.connects()).isEqualTo(1);
        }
    }

    private static Publisher publisher(MosquittoBroker broker, Outbox outbox) {
        MqttConfig config =
                MqttConfig.of(broker.url(), SITE).withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        return Publisher.mqtt(config, SITE, "test", outbox, Clock.systemUTC());
    }
}
