package dev.vigil.collector.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RecordingHttpServer;
import dev.vigil.collector.testing.RecordingHttpServer.Reply;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.WireCodec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /api/channels and /api/deliveries of docs/api.md against a running collector and an ntfy stand-in. */
class ChannelsApiTest {
    private static final String TOKEN = "tk_Zq3secretAccessToken77";
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            LOG.add(format.format(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private static RunningCollector collector;
    private static RecordingHttpServer ntfy;
    private static ApiClient admin;
    private static ApiClient viewer;

    @BeforeAll
    static void start() {
        Logger.getLogger("").addHandler(CAPTURE);
        ntfy = new RecordingHttpServer();
        collector = new RunningCollector();
        collector.addUser("vera", Role.VIEWER, "viewer-password");
        admin = collector.admin();
        viewer = new ApiClient(collector.httpPort()).login("vera", "viewer-password");
    }

    @AfterAll
    static void stop() {
        collector.close();
        ntfy.close();
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    private static String ntfyUrl(String topic) {
        return "ntfy://" + TOKEN + "@127.0.0.1:" + ntfy.port() + "/" + topic;
    }

    private static JsonNode add(String name, String url) {
        ApiClient.Reply r = admin.post("/api/channels", "{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void add_thenTest_repliesWhatNtfyAnsweredAndLogsTheAttempt() {
        JsonNode ch = add("oncall-phone", ntfyUrl("acme-oncall"));
        String id = ch.get("id").asText();
        assertThat(ch.get("url").asText()).isEqualTo("ntfy://****@127.0.0.1:" + ntfy.port() + "/acme-oncall");
        assertThat(ch.get("scheme").asText()).isEqualTo("ntfy");
        assertThat(ch.get("health").get("state").asText()).isEqualTo("unknown");

        ApiClient.Reply test = admin.post("/api/channels/" + id + "/test", "");

        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json())
                .isEqualTo(
                        WireCodec.readTree(
                                "{\"delivered\":true,\"result\":\"delivered\",\"detail\":\"HTTP 200 {\\\"id\\\":\\\"m1\\\"}\"}"));
        // other tests' channels post to the same stand-in (their retries too), so pick this channel's request
        RecordingHttpServer.Request sent = ntfy.requests().stream()
                .filter(r -> WireCodec.readTree(r.body()).get("topic").asText().equals("acme-oncall"))
                .findFirst()
                .orElseThrow();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(WireCodec.readTree(sent.body()).get("title").asText()).isEqualTo("Vigil test notification");
        JsonNode log = admin.get("/api/deliveries?channel=" + id).json().get("deliveries");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("kind").asText()).isEqualTo("test");
        assertThat(log.get(0).get("outcome").asText()).isEqualTo("delivered");
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(log.get(0).get("channel").asText()).isEqualTo("oncall-phone");
        assertThat(admin.get("/api/channels").json().get("channels").findValuesAsText("id"))
                .contains(id);
        assertThat(collector.app().counters().render())
                .contains("vigil_notify_deliveries_total{channel=\"oncall-phone\",outcome=\"delivered\"} 1");
    }

    @Test
    void dispatch_criticalAlert_reachesNtfyWithAckActionAndIsListedByAlert() {
        String id = add("policy-target", ntfyUrl("policy")).get("id").asText();
        var channels = collector.app().channels();
        var ref = channels.directory().byId(id).orElseThrow();
        var alert = new dev.vigil.collector.notify.Notification(
                dev.vigil.collector.notify.NotificationKind.ALERT,
                "01JDISPATCH000000000000000",
                "acme-hq",
                "wan_down",
                dev.vigil.protocol.Severity.CRITICAL,
                5,
                "acme-hq: WAN wan1 down",
                "WAN wan1 lost every probe",
                List.of("rotating_light"),
                "http://127.0.0.1/#/sites/acme-hq",
                "http://127.0.0.1/api/ack/one-time-token",
                "a-01JDISPATCH");

        long start = System.nanoTime();
        channels.dispatcher().dispatch(ref, alert);
        long dispatchMicros = (System.nanoTime() - start) / 1000;

        JsonNode delivered = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(
                        () -> admin.get("/api/deliveries?alert=01JDISPATCH000000000000000")
                                .json()
                                .get("deliveries"),
                        d -> d.size() == 1);
        assertThat(delivered.get(0).get("outcome").asText()).isEqualTo("delivered");
        assertThat(delivered.get(0).get("site").asText()).isEqualTo("acme-hq");
        JsonNode body = ntfy.requests().stream()
                .map(r -> WireCodec.readTree(r.body()))
                .filter(b -> b.get("topic").asText().equals("policy"))
                .findFirst()
                .orElseThrow();
        assertThat(body.get("priority").asInt()).isEqualTo(5);
        assertThat(body.get("actions").get(0).get("url").asText()).isEqualTo("http://127.0.0.1/api/ack/one-time-token");
        // enqueueing only: a generous bound for a loaded CI machine, far below one HTTP round trip to a slow service
        assertThat(dispatchMicros).isLessThan(1_000_000);
    }

    @Test
    void test_serviceAnswers500_repliesTheStatusAndBody() {
        String id = add("flaky", ntfyUrl("flaky")).get("id").asText();
        ntfy.thenReply(Reply.of(500, "{\"code\":50001,\"error\":\"internal server error\"}"));

        JsonNode reply = admin.post("/api/channels/" + id + "/test", "").json();

        assertThat(reply.get("delivered").asBoolean()).isFalse();
        assertThat(reply.get("result").asText()).isEqualTo("transient");
        assertThat(reply.get("detail").asText())
                .isEqualTo("HTTP 500 {\"code\":50001,\"error\":\"internal server error\"}");
    }

    @Test
    void list_withSecrets_showsThemMaskedOnlyAndLogsNeverHoldThem() {
        add("mail-noc", "mailtos://noc%40example.com:Mail-Pass-123@127.0.0.1:1/ops@example.com");
        add(
                "hook",
                "jsons://hook:Hook-Pass-456@198.51.100.7/services/T000/B000/SlackPathSecret?+X-Api-Key=HeaderSecret9");

        String list = admin.get("/api/channels").body();
        String asViewer = viewer.get("/api/channels").body();

        for (String secret : List.of(TOKEN, "Mail-Pass-123", "Hook-Pass-456", "SlackPathSecret", "HeaderSecret9")) {
            assertThat(list).doesNotContain(secret);
            assertThat(asViewer).doesNotContain(secret);
            assertThat(String.join("\n", LOG)).doesNotContain(secret);
        }
        assertThat(list)
                .contains("mailtos://noc@example.com:****@127.0.0.1:465/ops@example.com".replace(":465", ":1"))
                .contains("jsons://hook:****@198.51.100.7/services/****?+X-Api-Key=****");
        assertThat(String.join("\n", LOG)).contains("channel hook added: jsons://hook:****@198.51.100.7/services/****");
    }

    @Test
    void add_badUrl_400NamingTheProblem() {
        ApiClient.Reply r = admin.post("/api/channels", "{\"name\":\"x\",\"url\":\"slack://T000/B000/XXX\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith("url: unknown scheme 'slack://'");

        ApiClient.Reply missing = admin.post("/api/channels", "{\"name\":\"x\",\"url\":\"ntfys://ntfy.example.net\"}");
        assertThat(missing.json().get("error").asText())
                .isEqualTo("url: ntfys://: missing a topic after the host (ntfy://host/topic)");
    }

    @Test
    void add_severalProblems_reportsThemAllAt400() {
        ApiClient.Reply r = admin.post(
                "/api/channels",
                "{\"url\":\"gotify://push.example.net\","
                        + "\"quiet_hours\":{\"from\":\"22:00\",\"to\":\"7am\",\"zone\":\"Mars/Olympus\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText())
                .isEqualTo("name is missing; url: gotify://: missing an application token after the host"
                        + " (gotify://host/token); quiet_hours.to must be a time HH:mm such as 22:00;"
                        + " quiet_hours.zone 'Mars/Olympus' is not a time zone (use an IANA name such as"
                        + " Europe/Paris)");
        assertThat(admin.post("/api/channels", "not json").status()).isEqualTo(400);
        ApiClient.Reply tooLong =
                admin.post("/api/channels", "{\"name\":\"long\",\"url\":\"ntfy://h/" + "t".repeat(2001) + "\"}");
        assertThat(tooLong.json().get("error").asText()).isEqualTo("url is longer than 2000 characters");
    }

    @Test
    void add_withQuietHours_carriesThemToTheDirectory() {
        JsonNode ch = admin.post(
                        "/api/channels",
                        "{\"name\":\"night\",\"url\":\"" + ntfyUrl("night") + "\",\"quiet_hours\":{\"from\":\"22:00\","
                                + "\"to\":\"07:00\",\"zone\":\"Europe/Paris\",\"critical_overrides\":false}}")
                .json();
        assertThat(ch.get("quiet_hours"))
                .isEqualTo(
                        WireCodec.readTree(
                                "{\"from\":\"22:00\",\"to\":\"07:00\",\"zone\":\"Europe/Paris\",\"critical_overrides\":false}"));
        var ref = collector
                .app()
                .channels()
                .directory()
                .byId(ch.get("id").asText())
                .orElseThrow();
        assertThat(ref.quietHours().zone().getId()).isEqualTo("Europe/Paris");
        assertThat(ref.quietHours().criticalOverrides()).isFalse();
        assertThat(ref.quietHours().covers(java.time.Instant.parse("2026-12-07T23:30:00Z")))
                .isTrue();
    }

    @Test
    void add_sameNameTwice_409() {
        add("twice", ntfyUrl("twice"));
        ApiClient.Reply r = admin.post("/api/channels", "{\"name\":\"twice\",\"url\":\"" + ntfyUrl("other") + "\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).isEqualTo("a channel named 'twice' exists already");
    }

    @Test
    void addOrDelete_asViewer_403() {
        assertThat(viewer.post("/api/channels", "{\"name\":\"v\",\"url\":\"" + ntfyUrl("v") + "\"}")
                        .status())
                .isEqualTo(403);
        String id = add("kept", ntfyUrl("kept")).get("id").asText();
        assertThat(viewer.delete("/api/channels/" + id).status()).isEqualTo(403);
        assertThat(viewer.post("/api/channels/" + id + "/test", "").status()).isEqualTo(403);
    }

    @Test
    void delete_removesFromListAndDirectory_thenUnknownIs404() {
        String id = add("gone", ntfyUrl("gone")).get("id").asText();

        assertThat(admin.delete("/api/channels/" + id).status()).isEqualTo(204);

        assertThat(admin.get("/api/channels").body()).doesNotContain(id);
        assertThat(collector.app().channels().directory().byId(id)).isEmpty();
        assertThat(admin.delete("/api/channels/" + id).status()).isEqualTo(404);
        assertThat(admin.post("/api/channels/" + id + "/test", "").status()).isEqualTo(404);
    }

    @Test
    void deliveries_badLimit_400() {
        ApiClient.Reply r = admin.get("/api/deliveries?limit=0");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("limit must be a whole number from 1 to 1000");
    }

    @Test
    void channels_afterRestart_areLoadedFromTheStore() {
        String id = add("durable", ntfyUrl("durable")).get("id").asText();
        collector.restart();
        admin = admin.withPort(collector.httpPort()).login("admin", RunningCollector.ADMIN_PASSWORD);
        viewer = viewer.withPort(collector.httpPort()).login("vera", "viewer-password");

        assertThat(collector.app().channels().directory().byId(id)).isPresent();
        assertThat(admin.post("/api/channels/" + id + "/test", "")
                        .json()
                        .get("delivered")
                        .asBoolean())
                .isTrue();
    }
}
