package dev.vigil.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.testing.AgentConfigs;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import dev.vigil.testkit.prometheus.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRuntimeTest {
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path dir;

    @Test
    void run_fromConfig_startsPublishesStateServesLintCleanMetricsAndStopsCleanly() throws Exception {
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = new MqttRecorder(broker.url(), TOPICS.allSites())) {
            Path file = AgentConfigs.write(dir, "rt-site", broker.url());
            AgentConfig config = AgentConfig.load(file, new SecretReader(Map.of(), w -> {}));
            AgentRuntime runtime = AgentRuntime.start(config, Clock.systemUTC(), file);
            try {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> recorder.events(TOPICS.events("rt-site")).stream()
                                .anyMatch(e -> e.type().equals("agent.started")));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> recorder.last(TOPICS.state("rt-site")).isPresent());
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> recorder.last(TOPICS.metrics("rt-site")).isPresent());
                int port = runtime.statusAddress().orElseThrow().getPort();
                HttpClient http = HttpClient.newHttpClient();
                String metrics = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(metrics).contains("vigil_mqtt_connected 1\n").contains("vigil_outbox_events ");
                Promtool.Verdict lint = Promtool.checkMetrics(metrics);
                assertThat(lint.exitCode()).as(lint.output() + "\n" + metrics).isZero();
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"mqtt_connected\":true");
            } finally {
                runtime.close();
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> recorder.events(TOPICS.events("rt-site")).stream()
                            .anyMatch(e -> e.type().equals("agent.stopping")));
            assertThat(recorder.events(TOPICS.events("rt-site")))
                    .extracting(Event::type)
                    .containsExactly("agent.started", "agent.stopping");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> recorder.last(TOPICS.status("rt-site"))
                            .map(m -> m.text().contains("\"offline\""))
                            .orElse(false));
        }
    }
}
