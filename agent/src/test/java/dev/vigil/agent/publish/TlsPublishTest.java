package dev.vigil.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.agent.testing.TestCa;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS against mosquitto with a CA made by openssl at test time; the broker requires a client certificate. */
class TlsPublishTest {
    private static final String SITE = "tls-site";
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    static Path certs;

    private static TestCa ca;
    private static TestCa otherCa;
    private static MosquittoBroker broker;
    private static int tlsPort;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTlsBroker() throws Exception {
        Prerequisites.requireCommand("openssl", "openssl");
        ca = TestCa.create(certs.resolve("ca"));
        otherCa = TestCa.create(certs.resolve("other"));
        tlsPort = FreePorts.next();
        broker = new MosquittoBroker()
                .withConfig(
                        "listener " + tlsPort + " 127.0.0.1",
                        "cafile " + ca.caFile(),
                        "certfile " + ca.serverCert(),
                        "keyfile " + ca.serverKey(),
                        "require_certificate true")
                .start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private MqttConfig tls(TestCa trusted) {
        return MqttConfig.of("ssl://127.0.0.1:" + tlsPort, SITE)
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500))
                .withTls(trusted.caFile(), ca.clientCert(), ca.clientKey());
    }

    @Test
    void publish_tlsWithTrustedCaAndClientCertificate_eventsArrive() throws Exception {
        try (MqttRecorder recorder = new MqttRecorder(broker.url(), TOPICS.events(SITE));
                FileOutbox outbox = FileOutbox.open(dir, OutboxSettings.defaults(), Clock.systemUTC());
                Publisher publisher = Publisher.mqtt(tls(ca), SITE, "test", outbox, Clock.systemUTC())) {
            new OutboxSink(SITE, outbox, Clock.systemUTC()).accept(observation());
            publisher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> recorder.events(TOPICS.events(SITE)).size() == 1);
            assertThat(outbox.depth()).isZero();
        }
    }

    @Test
    void publish_brokerCertificateFromAnotherCa_clearTlsErrorAndEventKept() throws Exception {
        try (FileOutbox outbox = FileOutbox.open(dir, OutboxSettings.defaults(), Clock.systemUTC());
                Publisher publisher = Publisher.mqtt(tls(otherCa), SITE, "test", outbox, Clock.systemUTC())) {
            new OutboxSink(SITE, outbox, Clock.systemUTC()).accept(observation());
            publisher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> publisher.lastError().isPresent());
            assertThat(publisher.lastError().orElseThrow())
                    .contains("cannot connect to ssl://127.0.0.1:" + tlsPort)
                    .containsAnyOf("PKIX", "certificate", "SSLHandshakeException");
            assertThat(publisher.isConnected()).isFalse();
            assertThat(outbox.depth()).isEqualTo(1);
        }
    }

    private static Observation observation() {
        return new Observation(Instant.now(), "agent.started", Severity.INFO, "agent", Json.object());
    }
}
