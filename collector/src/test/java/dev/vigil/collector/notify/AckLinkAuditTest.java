package dev.vigil.collector.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.notify.testing.RecordingChannels;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The phone's ack link in the audit log: one line by {@code ack-link} on the alert's site; refused links denied. */
class AckLinkAuditTest {
    private static final String PUBLIC_URL = "https://vigil.example.net";
    private static final String SITE = "acme-hq";
    private static final String TOPIC = "vigil/v1/sites/" + SITE;

    private final RecordingChannels channels = new RecordingChannels().add("oncall", "ntfy");
    private RunningCollector collector;
    private ApiClient admin;
    private MqttClient agent;

    @BeforeEach
    void start() throws Exception {
        collector = new RunningCollector(c -> c.withPublicUrl(PUBLIC_URL), channels.setup());
        admin = collector.admin();
        JsonNode created =
                admin.post("/api/sites", "{\"site\":\"" + SITE + "\"}").json();
        agent = collector.connect("acme-agent", SITE, created.get("password").asText());
        agent.publish(TOPIC + "/status", Payloads.status(SITE, SiteStatus.ONLINE), 1, true);
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null && agent.isConnected()) {
            agent.disconnect();
        }
        collector.close();
    }

    @Test
    void ackLink_oneLineByAckLink_forgedAndReusedLinksDenied() throws Exception {
        agent.publish(TOPIC + "/events", Payloads.wanDown(SITE, "wan1"), 1, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> channels.sent().size() == 1);
        String ackPath = channels.sent().get(0).notification().ackUrl().substring(PUBLIC_URL.length());
        String alertId = channels.sent().get(0).notification().alertId();

        assertThat(post(ackPath.substring(0, ackPath.length() - 4) + "AAAA")).isEqualTo(403);
        assertThat(post(ackPath)).isEqualTo(200);
        assertThat(post(ackPath)).isEqualTo(403);

        List<JsonNode> lines = await().atMost(Duration.ofSeconds(10))
                .until(() -> entries("kind=alert.acknowledged"), l -> l.size() == 3);
        List<JsonNode> ok = lines.stream()
                .filter(e -> e.get("outcome").asText().equals("ok"))
                .toList();
        assertThat(ok).hasSize(1);
        assertThat(ok.get(0).get("actor").asText()).isEqualTo("ack-link");
        assertThat(ok.get(0).get("site").asText()).isEqualTo(SITE);
        assertThat(ok.get(0).at("/details/alert").asText()).isEqualTo(alertId);
        assertThat(lines)
                .filteredOn(e -> e.get("outcome").asText().equals("denied"))
                .hasSize(2);
        String token = ackPath.substring("/ack/".length());
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(admin.get("/api/audit?limit=1000").body()).doesNotContain(token, signature);
    }

    private int post(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(20))
                .build();
        return HttpClient.newHttpClient()
                .send(r, HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private List<JsonNode> entries(String query) {
        List<JsonNode> out = new ArrayList<>();
        admin.get("/api/audit?" + query).json().get("entries").forEach(out::add);
        return out;
    }
}
