package dev.vigil.agent.probe.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.probe.live.RecordingSink;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probes and trackers at default settings against the site lab's WANs (keepalived routers, ISP hosts). */
class WanProbeLabTest {
    /** Defaults everywhere except a shorter hold, so that recovery fits the test budget. */
    private static final String WANS = """
            wans:
              - {name: wan1, router: router-a, targets: ${wan1}, up_hold: 3s}
              - {name: wan2, router: router-b, targets: ${wan2}, up_hold: 3s}
            """;

    private static SiteLab lab;
    private final RecordingSink sink = new RecordingSink();
    private WanMonitor monitor;

    @BeforeAll
    static void startLab() {
        lab = SiteLab.builder().wans(2).advertInterval(Duration.ofMillis(300)).start();
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @AfterEach
    void stopMonitor() {
        if (monitor != null) {
            monitor.close();
        }
        lab.restoreWan("wan1");
        lab.setWanLoss("wan1", 0);
        lab.setWanLoss("wan2", 0);
    }

    private void startWans() throws IOException {
        monitor = LabMonitor.start(lab, WANS, sink);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> monitor.state("wan1").orElseThrow().equals("up")
                        && monitor.state("wan2").orElseThrow().equals("up"));
    }

    @Test
    void cutWan_downWithinTwoSeconds_upAgainAfterHold() throws Exception {
        startWans();
        Instant cut = Instant.now();
        lab.cutWan("wan1");
        await().atMost(Duration.ofSeconds(4))
                .until(() -> !sink.ofType("wan.down").isEmpty());
        Observation down = sink.ofType("wan.down").get(0);
        assertThat(down.subject()).isEqualTo("wan/wan1");
        assertThat(Duration.between(cut, down.time())).isLessThanOrEqualTo(Duration.ofMillis(2_200));
        assertThat(down.data().get("targets"))
                .hasSize(3)
                .allSatisfy(t -> assertThat(t.get("ok").asBoolean()).isFalse());
        assertThat(monitor.state("wan2")).contains("up");

        Instant restored = Instant.now();
        lab.restoreWan("wan1");
        await().atMost(Duration.ofSeconds(8)).until(() -> sink.ofType("wan.up").size() == 3);
        Observation up = sink.ofType("wan.up").get(2);
        assertThat(up.subject()).isEqualTo("wan/wan1");
        assertThat(Duration.between(restored, up.time())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(up.data().get("down_for_ms").asLong()).isGreaterThanOrEqualTo(3_000);
        assertThat(sink.ofType("wan.down")).hasSize(1);
    }

    @Test
    void tenPercentLossBothWays_thirtySeconds_neverDown() throws Exception {
        startWans();
        lab.setWanLoss("wan1", 10);
        Instant until = Instant.now().plusSeconds(30);
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        Instant.now().isAfter(until) || !sink.ofType("wan.down").isEmpty());
        assertThat(sink.ofType("wan.down")).isEmpty();
        double loss = monitor.metrics().get(0).lossPct();
        assertThat(loss).as("window loss on wan1 at 10 %% each way").isBetween(5.0, 40.0);
    }

    @Test
    void sixtyPercentLossBothWays_degradedOrDownPerThresholds() throws Exception {
        startWans();
        lab.setWanLoss("wan2", 60);
        // 60 % each way: 84 % of probes lost, all 3 of a round lost with p = 0.59, so 3 bad rounds in a row come
        // within seconds (down); before that the window crosses degraded_loss 30 %.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !sink.ofType("wan.down").isEmpty()
                        || !sink.ofType("wan.degraded").isEmpty());
        Observation first = sink.all().stream()
                .filter(o -> o.type().equals("wan.down") || o.type().equals("wan.degraded"))
                .findFirst()
                .orElseThrow();
        assertThat(first.subject()).isEqualTo("wan/wan2");
        assertThat(first.data().get("loss_pct").asDouble()).isGreaterThan(0);
        assertThat(monitor.state("wan2").orElseThrow()).isIn("degraded", "down");
        assertThat(monitor.state("wan1")).contains("up");
    }

    @Test
    void deadHttpAndDnsTargets_checkFailed() throws Exception {
        InetAddress web = lab.wan("wan1").targets().get(0);
        ServerSocket server = lab.runIn(Host.ISP1, () -> new ServerSocket(0, 50, web));
        Thread serving = new Thread(() -> serve(server));
        serving.setDaemon(true);
        serving.start();
        String dns = lab.wan("wan2").targets().get(1).getHostAddress();
        monitor = LabMonitor.start(
                lab, String.format(Locale.ROOT, """
                checks:
                  - {name: web, kind: http, url: "http://%s:%d/", expect_body: vigil, interval: 500ms, timeout: 1s}
                  - {name: dns, kind: dns, server: %s, query: intranet.example, interval: 500ms, timeout: 500ms}
                """, web.getHostAddress(), server.getLocalPort(), dns), sink);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !sink.ofType("check.failed").isEmpty());
        Observation dnsFailed = sink.ofType("check.failed").get(0);
        assertThat(dnsFailed.subject()).isEqualTo("check/dns");
        assertThat(dnsFailed.data().get("error").asText())
                .isEqualTo("ICMP port unreachable: nothing answers on udp/53 at " + dns);
        assertThat(monitor.status().get(0).state()).isEqualTo("up");

        server.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> sink.ofType("check.failed").size() == 2);
        Observation webFailed = sink.ofType("check.failed").get(1);
        assertThat(webFailed.subject()).isEqualTo("check/web");
        assertThat(webFailed.data().get("kind").asText()).isEqualTo("http");
        assertThat(webFailed.data().get("error").asText()).startsWith("connection refused");
    }

    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.getInputStream().read(new byte[2048]);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nvigil".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }
}
