package dev.vigil.collector.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.notify.testing.RecordingChannels;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The notification policy's API of docs/api.md: rules, maintenance, snooze, the ack page; bad input gets 400. */
class NotifyApiTest {
    private static final String PUBLIC_URL = "https://vigil.example.net";
    private static final RecordingChannels CHANNELS = new RecordingChannels().add("oncall", "ntfy");
    private static RunningCollector collector;
    private static ApiClient admin;
    private static ApiClient viewer;

    @BeforeAll
    static void start() {
        collector = new RunningCollector(c -> c.withPublicUrl(PUBLIC_URL), CHANNELS.setup());
        collector.addUser("vera", Role.VIEWER, "viewer-password");
        admin = collector.admin();
        viewer = new ApiClient(collector.httpPort()).login("vera", "viewer-password");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void rules_addListDelete_roundTrip() {
        ApiClient.Reply added = admin.post(
                "/api/notify/rules",
                "{\"tag\":\"retail\",\"kind\":\"wan_down\",\"min_severity\":\"critical\",\"channels\":[\"oncall\"],"
                        + "\"repeat_minutes\":15}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String id = added.json().get("id").asText();
        JsonNode listed = viewer.get("/api/notify/rules").json();
        assertThat(listed.get("default_route").asBoolean()).isFalse();
        assertThat(listed.at("/rules/0/repeat_minutes").asInt()).isEqualTo(15);
        assertThat(delete("/api/notify/rules/" + id)).isEqualTo(200);
        assertThat(delete("/api/notify/rules/" + id)).isEqualTo(404);
        assertThat(viewer.get("/api/notify/rules").json().get("default_route").asBoolean())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"channels\":[\"pager\"]}|channels: no channel with id 'pager'",
                "{\"channels\":[]}|channels must name at least one channel id",
                "{\"channels\":[\"oncall\"],\"min_severity\":\"loud\"}|min_severity must be info, warning or critical",
                "{\"channels\":[\"oncall\"],\"repeat_minutes\":0}|repeat_minutes must be a whole number of minutes",
                "{\"channels\":[\"oncall\"],\"escalate_after_minutes\":5}|escalate_after_minutes needs escalate_to",
                "{\"channels\":[\"oncall\"],\"tag\":\"a\",\"customer\":\"b\"}|give tag or customer, not both",
                "[1]|send the rule as a JSON object",
                "nonsense|the body is not valid JSON"
            })
    void rules_badInput_is400NamingTheProblem(String body, String reason) {
        ApiClient.Reply r = admin.post("/api/notify/rules", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(reason);
    }

    @Test
    void rules_addAsViewer_is403() {
        assertThat(viewer.post("/api/notify/rules", "{\"channels\":[\"oncall\"]}")
                        .status())
                .isEqualTo(403);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"sites\":[\"a\"],\"from\":\"2026-03-02T12:00:00Z\",\"to\":\"2026-03-02T11:00:00Z\"}|to must be after from",
                "{\"from\":\"2026-03-02T10:00:00Z\",\"to\":\"2026-03-02T11:00:00Z\"}|give sites, tags or \"all\": true",
                "{\"sites\":[\"a\"],\"from\":\"yesterday\",\"to\":\"2026-03-02T11:00:00Z\"}|from must be an RFC 3339 time",
                "{\"sites\":[\"a\"]}|a one-off window needs from and to",
                "{\"all\":true,\"weekly\":{\"days\":[\"funday\"],\"start\":\"22:00\",\"minutes\":60}}|'funday' is not a day",
                "{\"all\":true,\"weekly\":{\"days\":[\"sat\"],\"start\":\"25:00\",\"minutes\":60}}|weekly.start must be",
                "{\"all\":true,\"weekly\":{\"days\":[\"sat\"],\"start\":\"22:00\",\"minutes\":60,\"zone\":\"Mars/Base\"}}"
                        + "|weekly.zone must be a time zone"
            })
    void maintenance_badInput_is400NamingTheProblem(String body, String reason) {
        ApiClient.Reply r = admin.post("/api/maintenance", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(reason);
    }

    @Test
    void maintenance_pastAndOverlappingWindows_areListedAsSpansOfTheSite() {
        ApiClient.Reply past = admin.post(
                "/api/maintenance",
                "{\"sites\":[\"depot\"],\"from\":\"2026-01-05T08:00:00Z\",\"to\":\"2026-01-05T10:00:00Z\","
                        + "\"reason\":\"power cut, marked afterwards\"}");
        ApiClient.Reply overlap = admin.post(
                "/api/maintenance", "{\"all\":true,\"from\":\"2026-01-05T09:00:00Z\",\"to\":\"2026-01-05T11:00:00Z\"}");
        assertThat(past.status()).as(past.body()).isEqualTo(201);
        assertThat(overlap.status()).as(overlap.body()).isEqualTo(201);
        assertThat(past.json().get("active").asBoolean()).isFalse();

        JsonNode spans = viewer.get("/api/maintenance?site=depot&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z")
                .json()
                .get("spans");
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).get("from").asText()).isEqualTo("2026-01-05T08:00:00Z");
        assertThat(spans.get(1).get("to").asText()).isEqualTo("2026-01-05T11:00:00Z");
        assertThat(viewer.get("/api/maintenance?site=depot&from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z")
                        .status())
                .isEqualTo(400);
        assertThat(delete("/api/maintenance/" + past.json().get("id").asText())).isEqualTo(200);
        assertThat(delete("/api/maintenance/" + overlap.json().get("id").asText()))
                .isEqualTo(200);
        assertThat(delete("/api/maintenance/" + overlap.json().get("id").asText()))
                .isEqualTo(404);
    }

    @Test
    void snooze_siteForFourHours_isAnActiveSnoozeUntilDeleted() {
        ApiClient.Reply r = admin.post("/api/snooze", "{\"site\":\"depot\",\"for\":\"4h\",\"reason\":\"known\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("kind").asText()).isEqualTo("snooze");
        assertThat(r.json().get("active").asBoolean()).isTrue();
        Duration length = Duration.between(
                Instant.parse(r.json().get("from").asText()),
                Instant.parse(r.json().get("to").asText()));
        assertThat(length).isEqualTo(Duration.ofHours(4));
        assertThat(delete("/api/maintenance/" + r.json().get("id").asText())).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"site\":\"depot\",\"for\":\"2h\"}|for must be 1h, 4h or 24h",
                "{\"site\":\"depot\"}|give either for (1h, 4h or 24h) or until",
                "{\"site\":\"depot\",\"until\":\"2020-01-01T00:00:00Z\"}|until must be in the future",
                "{\"site\":\"depot\",\"alert\":\"x\",\"for\":\"1h\"}|give either site or alert"
            })
    void snooze_badInput_is400(String body, String reason) {
        ApiClient.Reply r = admin.post("/api/snooze", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(reason);
    }

    @Test
    void ackPage_validToken_showsAFormThatPostsWithoutScript() throws Exception {
        String password = admin.post("/api/sites", "{\"site\":\"page-site\"}")
                .json()
                .get("password")
                .asText();
        MqttClient agent = collector.connect("page-agent", "page-site", password);
        try {
            agent.publish("vigil/v1/sites/page-site/status", Payloads.status("page-site", SiteStatus.ONLINE), 1, true);
            agent.publish("vigil/v1/sites/page-site/events", Payloads.wanDown("page-site", "wan1"), 1, false);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> CHANNELS.sent().stream()
                            .anyMatch(s -> "page-site".equals(s.notification().site())));
        } finally {
            agent.disconnect();
        }
        String path = CHANNELS.sent().stream()
                .filter(s -> "page-site".equals(s.notification().site()))
                .findFirst()
                .orElseThrow()
                .notification()
                .ackUrl()
                .substring(PUBLIC_URL.length());

        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains("<form method=\"post\">", "page-site: WAN wan1 down", "href=\"/ack-page.css\"")
                .doesNotContain("<script", "style=");
        assertThat(get("/ack-page.css").headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/css");
        assertThat(get(path.substring(0, path.length() - 1) + "x").statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return admin.http()
                .send(
                        HttpRequest.newBuilder(URI.create(admin.base() + path))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static int delete(String path) {
        try {
            return admin.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(admin.base() + path))
                                    .DELETE()
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
