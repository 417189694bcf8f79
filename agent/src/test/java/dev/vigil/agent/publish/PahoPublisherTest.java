package dev.vigil.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.config.Secret;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PahoPublisherTest {
    private static final String SITE = "acme-hq";
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path dir;

    private MosquittoBroker broker;
    private FileOutbox outbox;
    private Publisher publisher;
    private MqttRecorder recorder;

    @AfterEach
    void tearDown() {
        if (recorder != null) {
            recorder.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A broker that knows the recorder's session and then goes away, so the recorder misses nothing later. */
    private int subscribedThenStoppedBroker() throws Exception {
        broker = Brokers.persistent().start();
        recorder = MqttRecorder.persistent(broker.url(), TOPICS.allSites());
        broker.stop();
        return broker.port();
    }

    private OutboxSink startAgent(MqttConfig config, OutboxSettings settings) throws Exception {
        outbox = FileOutbox.open(dir.resolve("outbox"), settings, Clock.systemUTC());
        OutboxSink sink = new OutboxSink(SITE, outbox, Clock.systemUTC());
        publisher = Publisher.mqtt(config, SITE, "test", outbox, Clock.systemUTC());
        publisher.start();
        return sink;
    }

    private static MqttConfig fast(String url) {
        return MqttConfig.of(url, SITE).withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    private static Observation observation(int i) {
        return new Observation(
                Instant.now(),
                "wan.down",
                Severity.CRITICAL,
                "wan/wan" + i,
                Json.object().put("wan", "wan" + i));
    }

    @Test
    void publish_connectedBroker_eventsStateStatusAndMetricsRoundTrip() throws Exception {
        broker = new MosquittoBroker().start();
        recorder = new MqttRecorder(broker.url(), TOPICS.allSites());
        OutboxSink sink = startAgent(fast(broker.url()), OutboxSettings.defaults());
        for (int i = 0; i < 100; i++) {
            sink.accept(observation(i));
        }
        SiteState state = new SiteState(Protocol.SCHEMA_VERSION, SITE, Instant.now(), "test", null, null, null);
        publisher.publishState(state);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> recorder.events(TOPICS.events(SITE)).size() == 100);
        List<Event> events = recorder.events(TOPICS.events(SITE));
        assertThat(events).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(0).site()).isEqualTo(SITE);
        assertThat(events.get(0).subject()).isEqualTo("wan/wan0");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> recorder.last(TOPICS.state(SITE)).isPresent());
        assertThat(recorder.last(TOPICS.status(SITE)).orElseThrow().text()).contains("\"status\":\"online\"");
        publisher.publishMetrics(new SiteMetrics(Protocol.SCHEMA_VERSION, SITE, Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> recorder.last(TOPICS.metrics(SITE)).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.depth() == 0);
        assertThat(publisher.eventsPublished()).isEqualTo(100);

        publisher.close();
        try (MqttRecorder late = new MqttRecorder(broker.url(), TOPICS.status(SITE))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> late.last(TOPICS.status(SITE)).isPresent());
            MqttRecorder.Message status = late.last(TOPICS.status(SITE)).orElseThrow();
            assertThat(status.retained()).isTrue();
            assertThat(status.text()).contains("\"status\":\"offline\"");
        }
        try (MqttRecorder late = new MqttRecorder(broker.url(), TOPICS.state(SITE))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> late.last(TOPICS.state(SITE)).isPresent());
            assertThat(new WireCodec().encodeToString(state))
                    .isEqualTo(late.last(TOPICS.state(SITE)).orElseThrow().text());
        }
    }

    @Test
    void publish_unreachableBroker_saysWhyKeepsEventsAndDeliversOnceItListens() throws Exception {
        int port = subscribedThenStoppedBroker();
        OutboxSink sink = startAgent(fast("tcp://127.0.0.1:" + port), OutboxSettings.defaults());
        for (int i = 0; i < 10; i++) {
            sink.accept(observation(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.lastError().isPresent());
        assertThat(publisher.lastError().orElseThrow())
                .contains("cannot connect to tcp://127.0.0.1:" + port)
                .contains("Connection refused");
        assertThat(outbox.depth()).isEqualTo(10);
        publisher.publishMetrics(new SiteMetrics(Protocol.SCHEMA_VERSION, SITE, Instant.now(), null, null));
        assertThat(publisher.metricsDropped()).isEqualTo(1);

        broker.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.depth() == 0);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(recorder.distinctEvents(TOPICS.events(SITE))).hasSize(10));
    }

    @Test
    void publish_wrongPassword_refusedWithReasonAndPasswordNeverShown() throws Exception {
        Prerequisites.requireCommand("mosquitto_passwd", "mosquitto");
        Path passwords = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), SITE, "right-pw")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor()).isZero();
        broker = new MosquittoBroker()
                .withConfig("allow_anonymous false", "password_file " + passwords)
                .start();
        MqttConfig config = fast(broker.url()).withCredentials(SITE, Secret.of("wrong-pw-7731"));
        OutboxSink sink = startAgent(config, OutboxSettings.defaults());
        sink.accept(observation(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.lastError().isPresent());
        assertThat(publisher.lastError().orElseThrow())
                .containsAnyOf("Bad user name or password", "Not authorized")
                .doesNotContain("wrong-pw-7731");
        assertThat(config.toString()).doesNotContain("wrong-pw-7731");
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void publish_fullOutbox_refusesCountsThenReportsDroppedEventOnceThereIsRoom() throws Exception {
        int port = subscribedThenStoppedBroker();
        OutboxSettings tiny = new OutboxSettings(2_000, FsyncPolicy.NEVER, Duration.ofMillis(5), 16, 64 * 1024);
        OutboxSink sink = startAgent(fast("tcp://127.0.0.1:" + port), tiny);
        for (int i = 0; i < 30; i++) {
            sink.accept(observation(i));
        }
        long kept = outbox.depth();
        assertThat(kept).isBetween(1L, 29L);
        assertThat(sink.dropped()).isEqualTo(30 - kept);

        broker.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> recorder.distinctEvents(TOPICS.events(SITE)).stream()
                        .anyMatch(e -> e.type().equals(OutboxSink.DROPPED_TYPE)));
        List<Event> events = recorder.distinctEvents(TOPICS.events(SITE));
        Event notice = events.get(events.size() - 1);
        assertThat(notice.type()).isEqualTo("agent.outbox_dropped");
        assertThat(notice.data().get("dropped").asLong()).isEqualTo(30 - kept);
        assertThat(events).hasSize((int) kept + 1);
        assertThat(events).extracting(Event::seq).isSorted();
    }
}
