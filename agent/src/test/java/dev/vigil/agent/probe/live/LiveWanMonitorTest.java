package dev.vigil.agent.probe.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.probe.ProbeConfig;
import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.probe.WanStatus;
import dev.vigil.agent.probe.testing.TwoHostNet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveWanMonitorTest {
    private static TwoHostNet net;
    private final RecordingSink sink = new RecordingSink();
    private WanMonitor monitor;

    @BeforeAll
    static void setUp() {
        net = new TwoHostNet();
    }

    @AfterAll
    static void tearDown() {
        net.close();
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        net.restore();
    }

    private WanMonitor start(String yaml) throws Exception {
        List<ConfigProblem> problems = new ArrayList<>();
        ProbeConfig config =
                ProbeConfig.parse(ConfigNode.root(new ObjectMapper(new YAMLFactory()).readTree(yaml), problems));
        assertThat(problems).isEmpty();
        monitor = LiveWanMonitor.start(config, sink, Clock.systemUTC(), null, net.agentThreads());
        return monitor;
    }

    private static final String WAN = """
            wans:
              - name: wan1
                interface: wan0
                source: 198.51.100.1
                targets: [198.51.100.65, 198.51.100.66, 198.51.100.67]
                up_hold: 2s
            """;

    @Test
    void monitor_healthyWan_upWithFigures() throws Exception {
        start(WAN);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> monitor.state("wan1").orElseThrow().equals("up"));
        Observation up = sink.ofType("wan.up").get(0);
        assertThat(up.subject()).isEqualTo("wan/wan1");
        assertThat(up.data().get("previous").asText()).isEqualTo("unknown");
        assertThat(up.data().get("targets")).hasSize(3);
        await().atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(monitor.metrics())
                        .singleElement()
                        .satisfies(m -> {
                            assertThat(m.lossPct()).isZero();
                            assertThat(m.rttMs()).isPositive();
                            assertThat(m.rttP95Ms()).isPositive();
                            assertThat(m.jitterMs()).isNotNull();
                        }));
        assertThat(monitor.wans())
                .singleElement()
                .satisfies(v -> assertThat(v.state()).isEqualTo("up"));
        assertThat(monitor.state("nosuch")).isEmpty();
    }

    @Test
    void monitor_wanCutAndRestored_downWithinTwoSecondsThenUpAfterHold() throws Exception {
        start(WAN);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> monitor.state("wan1").orElseThrow().equals("up"));
        long cutAt = System.nanoTime();
        net.cut();
        await().atMost(Duration.ofSeconds(3))
                .until(() -> !sink.ofType("wan.down").isEmpty());
        long detectMs = (System.nanoTime() - cutAt) / 1_000_000;
        assertThat(detectMs).isLessThanOrEqualTo(2_100);
        Observation down = sink.ofType("wan.down").get(0);
        assertThat(down.data().get("reason").asText()).contains("3 consecutive rounds", "no reply within 400 ms");
        assertThat(down.data().get("loss_pct").asDouble()).isPositive();
        long restoredAt = System.nanoTime();
        net.restore();
        await().atMost(Duration.ofSeconds(6)).until(() -> sink.ofType("wan.up").size() == 2);
        assertThat((System.nanoTime() - restoredAt) / 1_000_000).isGreaterThanOrEqualTo(2_000);
        Observation up = sink.ofType("wan.up").get(1);
        assertThat(up.data().get("previous").asText()).isEqualTo("down");
        assertThat(up.data().get("down_for_ms").asLong()).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void monitor_interfaceVanishesAndReturns_downNamingItThenUp() throws Exception {
        start(WAN);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> monitor.state("wan1").orElseThrow().equals("up"));
        net.unplugWan();
        try {
            await().atMost(Duration.ofSeconds(4))
                    .until(() -> !sink.ofType("wan.down").isEmpty());
            assertThat(sink.ofType("wan.down").get(0).data().get("reason").asText())
                    .contains("interface wan0 is gone");
            assertThat(monitor.status().get(0).lastRound())
                    .allSatisfy(r -> assertThat(r.result().error()).isEqualTo("interface wan0 is gone"));
        } finally {
            net.plugWan();
        }
        await().atMost(Duration.ofSeconds(8)).until(() -> sink.ofType("wan.up").size() == 2);
    }

    @Test
    void monitor_unresolvableTarget_failsThatTargetWithReasonOthersKeepWanUp() throws Exception {
        start("""
                wans:
                  - name: wan1
                    targets: [198.51.100.65, no-such-host.invalid]
                """);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            WanStatus s = monitor.status().get(0);
            assertThat(s.state()).isEqualTo("up");
            assertThat(s.lastRound()).anySatisfy(r -> {
                assertThat(r.target()).isEqualTo("no-such-host.invalid");
                assertThat(r.result().error()).startsWith("cannot resolve 'no-such-host.invalid'");
            });
        });
    }

    @Test
    void monitor_checks_failAndRecover() throws Exception {
        start("""
                checks:
                  - {name: web, kind: tcp, target: 198.51.100.66, port: 9, interval: 200ms, timeout: 300ms}
                  - {name: gw, kind: icmp, target: 198.51.100.65, interval: 200ms, timeout: 300ms}
                """);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !sink.ofType("check.failed").isEmpty());
        Observation failed = sink.ofType("check.failed").get(0);
        assertThat(failed.subject()).isEqualTo("check/web");
        assertThat(failed.data().get("kind").asText()).isEqualTo("tcp");
        assertThat(failed.data().get("target").asText()).isEqualTo("198.51.100.66");
        assertThat(failed.data().get("error").asText()).startsWith("connection refused");
        assertThat(failed.data().get("duration_ms").asLong()).isPositive();
        net.cut();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> sink.ofType("check.failed").size() == 2);
        assertThat(sink.ofType("check.failed").get(1).subject()).isEqualTo("check/gw");
        net.restore();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !sink.ofType("check.recovered").isEmpty());
        assertThat(sink.ofType("check.recovered").get(0).subject()).isEqualTo("check/gw");
        assertThat(monitor.status()).extracting(WanStatus::kind).containsOnly("check");
    }
}
