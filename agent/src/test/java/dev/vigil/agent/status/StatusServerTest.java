package dev.vigil.agent.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(StatusServer server, String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return http.send(
                HttpRequest.newBuilder(uri)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scrape_gaugesCountersAndLabels_prometheusTextFormat() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.gauge("vigil_outbox_events", "Events waiting", () -> 3);
        LongAdder published = registry.counter("vigil_events_published_total", "Published");
        published.add(5);
        registry.gauges("vigil_wan_loss_ratio", "Loss", "wan", () -> Map.of("wan2", 0.25, "wan\"1", 0.0));

        assertThat(registry.scrape()).isEqualTo("""
                        # HELP vigil_outbox_events Events waiting
                        # TYPE vigil_outbox_events gauge
                        vigil_outbox_events 3
                        # HELP vigil_events_published_total Published
                        # TYPE vigil_events_published_total counter
                        vigil_events_published_total 5
                        # HELP vigil_wan_loss_ratio Loss
                        # TYPE vigil_wan_loss_ratio gauge
                        vigil_wan_loss_ratio{wan="wan\\"1"} 0
                        vigil_wan_loss_ratio{wan="wan2"} 0.25
                        """);
    }

    @Test
    void register_sameNameTwice_refused() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.gauge("vigil_x", "x", () -> 1);
        assertThatThrownBy(() -> registry.gauge("vigil_x", "x", () -> 2)).hasMessageContaining("twice");
        assertThatThrownBy(() -> registry.gauge("vigil-x", "x", () -> 2)).hasMessageContaining("not a Prometheus");
    }

    @Test
    void endpoints_getHealthAndMetrics_otherwise404Or405() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        registry.gauge("vigil_up", "up", () -> 1);
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (StatusServer server = StatusServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                registry,
                () -> new Health(healthy.get(), Map.of("mqtt_connected", false)))) {
            HttpResponse<String> metrics = call(server, "GET", "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).contains("vigil_up 1\n");

            HttpResponse<String> health = call(server, "GET", "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"mqtt_connected\":false}\n");
            healthy.set(false);
            assertThat(call(server, "GET", "/healthz").statusCode()).isEqualTo(503);

            assertThat(call(server, "POST", "/metrics").statusCode()).isEqualTo(405);
            assertThat(call(server, "GET", "/metricsx").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void start_portTaken_fails() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (StatusServer first = StatusServer.start(any, registry, () -> new Health(true, Map.of()))) {
            assertThatThrownBy(() -> StatusServer.start(first.address(), registry, () -> new Health(true, Map.of())))
                    .isInstanceOf(java.net.BindException.class);
        }
    }
}
