package dev.vigil.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/** With {@code --webhook}, every alert change is POSTed as JSON. */
class WebhookNotifierTest {
    @Test
    void wanDown_withWebhook_postsTheAlertAsJson() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        HttpServer hook = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    posted.add(request.method() + " " + request.getHeader("Content-Type") + " "
                            + body.toString(StandardCharsets.UTF_8));
                    request.response().setStatusCode(204).end();
                }))
                .listen(0, "127.0.0.1")
                .await();
        String url = "http://127.0.0.1:" + hook.actualPort() + "/hook";
        try (RunningCollector collector = new RunningCollector(c -> c.withWebhook(url))) {
            String password = collector.addSite("hooked");
            MqttClient agent = collector.connect("hooked-agent", "hooked", password);
            agent.publish("vigil/v1/sites/hooked/events", Payloads.wanDown("hooked", "wan1"), 1, false);
            agent.disconnect();
            await().atMost(Duration.ofSeconds(10)).until(() -> !posted.isEmpty());
            assertThat(posted.get(0))
                    .startsWith("POST application/json {")
                    .contains("\"rule\":\"wan_down\"")
                    .contains("\"acknowledged_by\":null");
        } finally {
            vertx.close().await();
        }
    }
}
