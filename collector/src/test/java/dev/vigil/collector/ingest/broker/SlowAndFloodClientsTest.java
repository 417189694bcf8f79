package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RawMqtt;
import dev.vigil.collector.testing.RunningCollector;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that never finish their CONNECT, and a flood of bare TCP connections: the endpoint closes them at its
 * CONNECT deadline (10 s after opening) while real sites keep publishing with PUBACK. See {@link ConnectDeadlineTest}
 * for the deadline itself.
 */
class SlowAndFloodClientsTest {
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(20);

    private RunningCollector collector;
    private String password;

    @BeforeEach
    void start() {
        collector = new RunningCollector();
        password = collector.addSite("acme");
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void connect_neverCompleted_isClosedByTimeoutWhileOthersPublish() throws Exception {
        long storedBefore = stored();
        try (Socket stalled = new Socket("127.0.0.1", collector.mqttPort());
                Socket dripping = new Socket("127.0.0.1", collector.mqttPort());
                Site site = new Site(collector.connect("acme-1", "acme", password))) {
            // a CONNECT of 40 bytes of which only the first 5 ever arrive
            stalled.getOutputStream().write(new byte[] {0x10, 40, 0x00, 0x04, 'M'});
            stalled.setSoTimeout(100);
            byte[] connect = RawMqtt.connectPacket("slow-client-with-a-long-identifier-" + "x".repeat(60));
            int dripped = 0;
            int published = 0;
            long deadline = System.nanoTime() + CLOSED_WITHIN.toNanos();
            while (!closedByPeer(stalled) && System.nanoTime() < deadline) {
                if (dripped >= 0 && dripped < connect.length - 1) {
                    // one byte per ~100 ms (the read timeout); the deadline may close it first
                    dripped = RawMqtt.write(dripping.getOutputStream(), connect[dripped]) ? dripped + 1 : -1;
                }
                site.client()
                        .publish("vigil/v1/sites/acme/events", Payloads.info("acme"), 1, false); // returns on PUBACK
                published++;
            }
            assertThat(closedByPeer(stalled)).as("stalled CONNECT closed").isTrue();
            assertThat(published).isGreaterThan(10);
            assertThat(stored() - storedBefore).isEqualTo(published);
            assertThat(site.client().isConnected()).isTrue();
        }
    }

    @Test
    void connectionFlood_doesNotStopRealSite_andFloodSocketsAreClosed() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                flood.add(new Socket("127.0.0.1", collector.mqttPort()));
            }
            try (Site site = new Site(collector.connect("acme-1", "acme", password))) {
                long before = stored();
                for (int i = 0; i < 20; i++) {
                    site.client().publish("vigil/v1/sites/acme/events", Payloads.info("acme"), 1, false);
                }
                assertThat(stored() - before).isEqualTo(20);
            }
            for (Socket s : flood) {
                s.setSoTimeout(50);
            }
            AtomicInteger open = new AtomicInteger();
            await().atMost(CLOSED_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                open.set(0);
                for (Socket s : flood) {
                    if (!s.isClosed() && !closedByPeer(s)) {
                        open.incrementAndGet();
                    } else {
                        s.close();
                    }
                }
                assertThat(open.get()).as("flood sockets still open").isZero();
            });
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    /** Paho's close() refuses a connected client: disconnect first. */
    private record Site(MqttClient client) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }

    private long stored() {
        return collector.app().counters().get("vigil_ingest_stored_total{kind=\"events\"}");
    }

    private static boolean closedByPeer(Socket s) throws IOException {
        return RawMqtt.closedByPeer(s);
    }
}
