package dev.vigil.collector.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.notify.testing.RecordingChannels;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "Done when" story of issue 14 through the real collector (MQTT in, HTTP API), with a recording dispatcher in
 * place of the ntfy channel: one push with an ack action, the action acknowledges, maintenance mutes, an offline site
 * holds its other alerts.
 */
class NotifyStoryTest {
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
        JsonNode created = admin.post("/api/sites", "{\"site\":\"" + SITE + "\",\"tags\":[\"acme\"]}")
                .json();
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
    void story_criticalWanDown_onePushWithAckThatAcknowledgesOnce() throws Exception {
        agent.publish(TOPIC + "/events", Payloads.wanDown(SITE, "wan1"), 1, false);

        await().atMost(Duration.ofSeconds(20)).until(() -> channels.sent().size() == 1);
        Notification n = channels.sent().get(0).notification();
        assertThat(n.kind()).isEqualTo(NotificationKind.ALERT);
        assertThat(n.priority()).isGreaterThanOrEqualTo(4);
        assertThat(n.clickUrl()).isEqualTo(PUBLIC_URL + "/#/sites/" + SITE);
        assertThat(n.ackUrl()).startsWith(PUBLIC_URL + "/ack/");
        String ackPath = n.ackUrl().substring(PUBLIC_URL.length());

        String forged = ackPath.substring(0, ackPath.length() - 4) + "AAAA";
        assertThat(postNoBody(forged).statusCode()).isEqualTo(403);
        assertThat(alert(n.alertId()).get("state").asText()).isEqualTo("open");

        HttpResponse<String> ack = postNoBody(ackPath);
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(dev.vigil.protocol.WireCodec.readTree(ack.body())
                        .get("alert")
                        .asText())
                .isEqualTo(n.alertId());
        JsonNode acked = alert(n.alertId());
        assertThat(acked.get("state").asText()).isEqualTo("acknowledged");
        assertThat(acked.get("acknowledged_by").asText()).isEqualTo("ack-link");

        assertThat(postNoBody(ackPath).statusCode()).isEqualTo(403);
        // a later alert proves the notifier has seen the acknowledgement and sent nothing for it
        agent.publish(TOPIC + "/events", Payloads.wanDown(SITE, "wan2"), 1, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> channels.sent().size() == 2);
        assertThat(channels.sent().get(1).notification().title()).contains("wan2");
    }

    @Test
    void story_siteInMaintenance_newWanAlertListedMutedNotSent() throws Exception {
        Instant now = Instant.now();
        ApiClient.Reply window = admin.post(
                "/api/maintenance",
                "{\"sites\":[\"" + SITE + "\"],\"from\":\"" + now.minusSeconds(60) + "\",\"to\":\""
                        + now.plusSeconds(3600) + "\",\"reason\":\"ISP works\"}");
        assertThat(window.status()).as(window.body()).isEqualTo(201);
        assertThat(window.json().get("active").asBoolean()).isTrue();

        agent.publish(TOPIC + "/events", Payloads.wanDown(SITE, "wan1"), 1, false);

        await().atMost(Duration.ofSeconds(20)).until(() -> openAlerts().size() == 1);
        String id = openAlerts().get(0).get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> muted().contains(id));
        assertThat(channels.sent()).isEmpty();
        JsonNode listed = alert(id);
        assertThat(listed.get("muted").asBoolean()).isTrue();
        assertThat(listed.get("muted_by").asText()).startsWith("maintenance m").endsWith("(ISP works)");
        await().atMost(Duration.ofSeconds(20)).until(() -> logEvents().equals(List.of("started", "created")));
        assertThat(admin.get("/api/maintenance/log").json().at("/log/0/detail").asText())
                .isEqualTo("sites " + SITE + ": ISP works");
    }

    @Test
    void story_offlineThenFiveChildAlerts_atMostOneNotification() throws Exception {
        agent.publish(TOPIC + "/status", Payloads.status(SITE, SiteStatus.OFFLINE), 1, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> channels.sent().size() == 1);
        assertThat(channels.sent().get(0).notification().rule()).isEqualTo("site_offline");

        List<byte[]> children = List.of(
                Payloads.wanDown(SITE, "wan1"),
                Payloads.wanDown(SITE, "wan2"),
                event("router.unreachable", "router/router-a", Json.object().put("router", "router-a")),
                event("vrrp.master_lost", "vrrp/eth0/IPv4/10", Json.object().put("silence_ms", 3000)),
                event("vrrp.split_brain", "vrrp/eth0/IPv4/11", Json.object()));
        for (byte[] child : children) {
            agent.publish(TOPIC + "/events", child, 1, false);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> muted().size() == 5);
        assertThat(openAlerts()).hasSize(5);
        assertThat(channels.sent()).hasSize(1);
    }

    private byte[] event(String type, String subject, com.fasterxml.jackson.databind.node.ObjectNode data) {
        return Payloads.bytes(Payloads.event(SITE, type, Severity.CRITICAL, subject, data));
    }

    private HttpResponse<String> postNoBody(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(20))
                .build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode alert(String id) {
        for (JsonNode a : admin.get("/api/alerts").json().get("alerts")) {
            if (a.get("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no alert " + id);
    }

    private List<JsonNode> openAlerts() {
        List<JsonNode> out = new ArrayList<>();
        admin.get("/api/alerts?state=open").json().get("alerts").forEach(out::add);
        return out;
    }

    private List<String> logEvents() {
        List<String> out = new ArrayList<>();
        admin.get("/api/maintenance/log")
                .json()
                .get("log")
                .forEach(e -> out.add(e.get("event").asText()));
        return out;
    }

    private List<String> muted() {
        List<String> out = new ArrayList<>();
        admin.get("/api/notify/muted")
                .json()
                .get("muted")
                .forEach(m -> out.add(m.get("alert").asText()));
        return out;
    }
}
