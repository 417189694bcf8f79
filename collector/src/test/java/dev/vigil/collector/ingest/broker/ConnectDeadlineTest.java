package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.config.MqttTls;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RawMqtt;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.TestPki;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed CONNECT deadline (2 s here): a client that drip-feeds a valid CONNECT one byte every 300 ms is closed
 * once the deadline has passed, on the plain and the TLS port; real clients, garbage and silent sockets are handled
 * as before.
 */
class ConnectDeadlineTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofMillis(1500);
    private static final long DRIP_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    @TempDir
    static Path pkiDir;

    private static RunningCollector collector;
    private static String password;
    private static final ExecutorService DRIPPERS = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        TestPki pki = new TestPki(pkiDir);
        pki.createCa("good");
        pki.createServer("good");
        collector = new RunningCollector(c -> c.withMqttTls(new MqttTls(0, pki.serverCert(), pki.serverKey()))
                .withMqttSessions(DEADLINE, CollectorConfig.DEFAULT_SESSION_EXPIRY));
        password = collector.addSite("acme");
    }

    @AfterAll
    static void stop() {
        DRIPPERS.shutdownNow();
        collector.close();
    }

    @Test
    void drippingConnect_plainPort_isClosedAtTheDeadlineWhileARealClientStaysConnected() throws Exception {
        MqttClient site = collector.connect("acme-before-dripper", "acme", password);
        try (Socket dripping = new Socket("127.0.0.1", collector.mqttPort())) {
            assertClosedAtDeadline(dripping, System.nanoTime());
            site.publish("vigil/v1/sites/acme/events", Payloads.info("acme"), 1, false); // returns on PUBACK
            assertThat(site.isConnected()).isTrue();
        } finally {
            site.disconnect();
            site.close();
        }
    }

    @Test
    void drippingConnect_tlsPort_isClosedAtTheDeadlineAfterTheHandshake() throws Exception {
        SSLSocket tls = (SSLSocket) TestPki.trusting(pkiDir.resolve("good-ca.pem"))
                .createSocket("127.0.0.1", collector.app().mqttTlsPort());
        try (tls) {
            tls.startHandshake();
            assertClosedAtDeadline(tls, System.nanoTime());
        }
    }

    @Test
    void garbage_isClosedRightAway_notCountedAsDeadline() throws Exception {
        long before = deadlineClosures();
        try (Socket garbage = new Socket("127.0.0.1", collector.mqttPort())) {
            garbage.getOutputStream()
                    .write("GET / HTTP/1.1\r\n\r\n\u0000\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1));
            garbage.setSoTimeout(100);
            await().atMost(DEADLINE.plus(MARGIN)).until(() -> RawMqtt.closedByPeer(garbage));
        }
        await().during(DEADLINE.plusMillis(200))
                .atMost(DEADLINE.plus(MARGIN))
                .until(() -> deadlineClosures() == before);
    }

    @Test
    void silentSocket_isClosedAtTheDeadlineAndCounted() throws Exception {
        long before = deadlineClosures();
        try (Socket silent = new Socket("127.0.0.1", collector.mqttPort())) {
            silent.setSoTimeout(100);
            await().atMost(DEADLINE.plus(MARGIN)).until(() -> RawMqtt.closedByPeer(silent));
        }
        assertThat(deadlineClosures()).isEqualTo(before + 1);
    }

    /** Drips a valid CONNECT (longer than the deadline allows) and expects the close between deadline and margin. */
    private static void assertClosedAtDeadline(Socket socket, long openedAt) throws Exception {
        long before = deadlineClosures();
        byte[] connect = RawMqtt.connectPacket("dripping-client-" + "x".repeat(40)); // ~20 s at 300 ms a byte
        AtomicInteger sent = new AtomicInteger();
        OutputStream out = socket.getOutputStream();
        DRIPPERS.submit(() -> {
            long next = System.nanoTime();
            for (byte b : connect) {
                if (socket.isClosed() || !RawMqtt.write(out, b)) {
                    return;
                }
                sent.incrementAndGet();
                next += DRIP_NANOS;
                LockSupport.parkNanos(next - System.nanoTime()); // the drip rate, not a synchronisation
            }
        });
        socket.setSoTimeout(100);
        await().atMost(DEADLINE.plus(MARGIN))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> RawMqtt.closedByPeer(socket));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt);
        assertThat(elapsedMs)
                .as("closed after the deadline, not before")
                .isGreaterThanOrEqualTo(DEADLINE.toMillis() - 100);
        assertThat(sent.get()).as("bytes dripped before the close").isBetween(3, connect.length - 1);
        assertThat(deadlineClosures()).isEqualTo(before + 1);
    }

    private static long deadlineClosures() {
        return collector.app().counters().get(ConnectDeadline.COUNTER);
    }
}
