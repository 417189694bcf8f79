package dev.vigil.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance test: the broker is away for 60 s while 10,000 events are produced. */
class BrokerOutageTest {
    private static final String SITE = "outage-site";
    private static final int EVENTS = 10_000;
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void brokerStopped60s_10000EventsProduced_allDeliveredInOrderOnceAfterDeduplication() throws Exception {
        Topics topics = Topics.defaults();
        MqttConfig config = MqttConfig.of("tcp://127.0.0.1:0", SITE);
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = MqttRecorder.persistent(broker.url(), topics.events(SITE));
                FileOutbox outbox = FileOutbox.open(dir, OutboxSettings.defaults(), Clock.systemUTC())) {
            config = MqttConfig.of(broker.url(), SITE).withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2));
            OutboxSink sink = new OutboxSink(SITE, outbox, Clock.systemUTC());
            try (Publisher publisher = Publisher.mqtt(config, SITE, "test", outbox, Clock.systemUTC())) {
                publisher.start();
                await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);
                for (int i = 0; i < 500; i++) {
                    sink.accept(observation(i));
                }
                broker.stop();
                long stoppedAt = System.nanoTime();
                Thread producer = new Thread(() -> {
                    for (int i = 500; i < EVENTS; i++) {
                        sink.accept(observation(i));
                    }
                });
                producer.start();
                await().atMost(OUTAGE.plusSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> !producer.isAlive() && System.nanoTime() - stoppedAt >= OUTAGE.toNanos());
                assertThat(publisher.isConnected()).isFalse();
                assertThat(outbox.depth()).isGreaterThanOrEqualTo(EVENTS - 500);
                broker.start();

                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() ->
                                recorder.distinctEvents(topics.events(SITE)).size() >= EVENTS);
                List<Event> distinct = recorder.distinctEvents(topics.events(SITE));
                assertThat(distinct).hasSize(EVENTS);
                assertThat(distinct)
                        .extracting(Event::seq)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, EVENTS).boxed().toList());
                assertThat(distinct.get(EVENTS - 1).subject()).isEqualTo("wan/w" + (EVENTS - 1));
                await().atMost(Duration.ofSeconds(10)).until(() -> outbox.depth() == 0);
                assertThat(sink.dropped()).isZero();
            }
        }
    }

    private static Observation observation(int i) {
        return new Observation(
                Instant.now(),
                "wan.degraded",
                Severity.WARNING,
                "wan/w" + i,
                Json.object().put("n", i));
    }
}
