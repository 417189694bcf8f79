package dev.vigil.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import dev.vigil.testkit.prometheus.PrometheusServer;
import dev.vigil.testkit.prometheus.Promtool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A running collector's {@code /metrics}: promtool's linter, a real Prometheus scraping it, the Grafana board. */
class PrometheusScrapeTest {
    private static final Path GRAFANA = Path.of("..", "docs", "grafana", "vigil-dashboard.json");
    private static RunningCollector collector;
    private static MqttClient agent;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector();
        String password = collector.addSite("acme-hq");
        agent = collector.connect("acme-agent", "acme-hq", password);
        agent.publish("vigil/v1/sites/acme-hq/status", Payloads.status("acme-hq", SiteStatus.ONLINE), 1, true);
        agent.publish("vigil/v1/sites/acme-hq/state", Payloads.state("acme-hq", "192.0.2.11"), 1, true);
        agent.publish(
                "vigil/v1/sites/acme-hq/events",
                Payloads.bytes(Payloads.event(
                        "acme-hq",
                        "vrrp.master_changed",
                        Severity.WARNING,
                        "vrrp/eth0/IPv4/10",
                        Json.object()
                                .put("interface", "eth0")
                                .put("family", "IPv4")
                                .put("vrid", 10)
                                .put("version", 3)
                                .put("master", "192.0.2.11")
                                .put("previous", "192.0.2.12"))),
                1,
                false);
        agent.publish("vigil/v1/sites/acme-hq/events", "{not json".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().contains("vigil_vrrp_transitions_total{site=\"acme-hq\"")
                        && scrape().contains("vigil_ingest_rejected_total{reason=\"invalid_json\"} 1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.disconnect();
        }
        collector.close();
    }

    private static String scrape() {
        ApiClient.Reply r = new ApiClient(collector.httpPort()).get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    @Test
    void metrics_runningCollector_passesPromtoolCheck() {
        String text = scrape();
        Promtool.Verdict verdict = Promtool.checkMetrics(text);
        assertThat(verdict.exitCode()).as(verdict.output() + "\n" + text).isZero();
        assertThat(text)
                .contains("vigil_vrrp_is_master{site=\"acme-hq\",router=\"router-a\",interface=\"eth0\","
                        + "family=\"IPv4\",vrid=\"10\"} 1\n")
                .contains("vigil_vrrp_transitions_total{site=\"acme-hq\",interface=\"eth0\",family=\"IPv4\","
                        + "vrid=\"10\"} 1\n")
                .contains("vigil_site_status{site=\"acme-hq\",status=\"ok\"} 1\n");
    }

    @Test
    void metrics_scrapedByRealPrometheus_answersIsMasterForTheSite() {
        try (PrometheusServer prometheus = PrometheusServer.scraping("vigil", collector.httpPort())) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("prometheus exited", () -> !prometheus.isRunning())
                    .until(() -> prometheus
                                    .query("vigil_vrrp_is_master{site=\"acme-hq\"}")
                                    .size()
                            > 0);
            JsonNode result = prometheus.query("vigil_vrrp_is_master{site=\"acme-hq\",router=\"router-a\"}");
            assertThat(result).as(prometheus.log()).hasSize(1);
            assertThat(result.get(0).path("metric").path("job").asText()).isEqualTo("vigil");
            assertThat(result.get(0).path("value").get(1).asText()).isEqualTo("1");
            JsonNode up = prometheus.query("up{job=\"vigil\"}");
            assertThat(up.get(0).path("value").get(1).asText()).isEqualTo("1");
        }
    }

    @Test
    void grafanaDashboard_everyQueriedMetric_isExposedByTheCollector() throws Exception {
        JsonNode board = WireCodec.readTree(Files.readString(GRAFANA, StandardCharsets.UTF_8));
        assertThat(board.path("panels").size()).isGreaterThan(5);
        Set<String> queried = new TreeSet<>();
        Pattern metric = Pattern.compile("\\bvigil_[a-z0-9_]+");
        for (JsonNode expr : board.findValues("expr")) {
            Matcher m = metric.matcher(expr.asText());
            while (m.find()) {
                queried.add(m.group());
            }
        }
        for (JsonNode def : board.findValues("definition")) {
            Matcher m = metric.matcher(def.asText());
            while (m.find()) {
                queried.add(m.group());
            }
        }
        Set<String> exposed = new TreeSet<>();
        Matcher types = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(scrape());
        while (types.find()) {
            exposed.add(types.group(1));
        }
        assertThat(queried).contains("vigil_vrrp_is_master", "vigil_wan_up");
        assertThat(exposed).containsAll(queried);
    }
}
