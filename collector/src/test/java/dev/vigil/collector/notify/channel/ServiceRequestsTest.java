package dev.vigil.collector.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import dev.vigil.collector.testing.RecordingHttpServer;
import dev.vigil.collector.testing.RecordingHttpServer.Reply;
import dev.vigil.collector.testing.RecordingHttpServer.Request;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each service's request checked field by field against its documented API (links in docs/alerts.md), sent by the
 * real sender to an HTTP server in the test that stands in for the service.
 */
class ServiceRequestsTest {
    private static final String ACK = "https://vigil.example.net/api/ack/tok123";
    private static final String CLICK = "https://vigil.example.net/#/sites/acme-hq";
    private static final Notification ALERT = new Notification(
            NotificationKind.ALERT,
            "01JALERT0000000000000000AA",
            "acme-hq",
            "wan_down",
            Severity.CRITICAL,
            5,
            "acme-hq: WAN wan1 down",
            "WAN wan1 lost 100% of probes for 30 s",
            List.of("rotating_light", "acme"),
            CLICK,
            ACK,
            "a-01JALERT0000000000000000AA");

    private final RecordingHttpServer service = new RecordingHttpServer();
    private final Senders senders = new Senders(
            HttpClient.newHttpClient(),
            URI.create(service.base() + "/"),
            URI.create(service.base() + "/"),
            null,
            java.time.Clock.fixed(java.time.Instant.parse("2015-10-21T07:27:00Z"), java.time.ZoneOffset.UTC));

    @AfterEach
    void stop() {
        service.close();
    }

    private Attempt send(String url, Notification n) {
        return senders.forTarget(ChannelUrls.parse(url)).send(n);
    }

    @Test
    void ntfy_alertWithAck_postsJsonToRootWithActionsAndSequenceId() {
        Attempt a = send("ntfy://tk_secret12345@127.0.0.1:" + service.port() + "/acme-oncall", ALERT);

        assertThat(a).isEqualTo(Attempt.delivered("HTTP 200 {\"id\":\"m1\"}"));
        Request r = service.next();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Authorization")).isEqualTo("Bearer tk_secret12345");
        assertThat(WireCodec.readTree(r.body())).isEqualTo(WireCodec.readTree("""
                {"topic":"acme-oncall","title":"acme-hq: WAN wan1 down",
                 "message":"WAN wan1 lost 100% of probes for 30 s","priority":5,
                 "tags":["rotating_light","acme"],"click":"https://vigil.example.net/#/sites/acme-hq",
                 "actions":[
                   {"action":"http","label":"Acknowledge","url":"https://vigil.example.net/api/ack/tok123",
                    "method":"POST","clear":true},
                   {"action":"view","label":"Open","url":"https://vigil.example.net/#/sites/acme-hq"}],
                 "sequence_id":"a-01JALERT0000000000000000AA"}
                """));
    }

    @Test
    void ntfy_resolveWithBasicAuth_sameSequenceIdNoAckAction() {
        Notification resolved = new Notification(
                NotificationKind.RESOLVED,
                ALERT.alertId(),
                "acme-hq",
                "wan_down",
                Severity.CRITICAL,
                3,
                "Resolved: acme-hq: WAN wan1 down",
                "WAN wan1 is back",
                List.of("white_check_mark"),
                CLICK,
                null,
                ALERT.groupKey());
        send("ntfy://ops:pa55@127.0.0.1:" + service.port() + "/acme-oncall", resolved);

        Request r = service.next();
        assertThat(r.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ops:pa55".getBytes(StandardCharsets.UTF_8)));
        JsonNode body = WireCodec.readTree(r.body());
        assertThat(body.get("sequence_id").asText()).isEqualTo(ALERT.groupKey());
        assertThat(body.get("actions")).hasSize(1);
        assertThat(body.get("actions").get(0).get("action").asText()).isEqualTo("view");
    }

    @Test
    void gotify_alert_postsMessageWithAppKeyPriorityAndClickExtra() {
        Attempt a = send("gotify://127.0.0.1:" + service.port() + "/AppTok.en_1", ALERT);

        assertThat(a.result()).isEqualTo(Attempt.Result.DELIVERED);
        Request r = service.next();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/message");
        assertThat(r.header("X-Gotify-Key")).isEqualTo("AppTok.en_1");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(WireCodec.readTree(r.body())).isEqualTo(WireCodec.readTree("""
                {"title":"acme-hq: WAN wan1 down",
                 "message":"WAN wan1 lost 100% of probes for 30 s\\n\\nOpen: https://vigil.example.net/#/sites/acme-hq\\nAcknowledge: https://vigil.example.net/api/ack/tok123",
                 "priority":10,
                 "extras":{"client::display":{"contentType":"text/plain"},
                           "client::notification":{"click":{"url":"https://vigil.example.net/#/sites/acme-hq"}}}}
                """));
    }

    @Test
    void pushover_emergency_postsFormWithRetryExpireAndAckUrl() {
        String user = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
        String token = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
        Attempt a = send("pover://" + user + "@" + token + "/phone1?sound=siren", ALERT);

        assertThat(a.result()).isEqualTo(Attempt.Result.DELIVERED);
        Request r = service.next();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/1/messages.json");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(r.body()))
                .isEqualTo(new TreeMap<>(Map.ofEntries(
                        Map.entry("token", token),
                        Map.entry("user", user),
                        Map.entry("title", "acme-hq: WAN wan1 down"),
                        Map.entry(
                                "message",
                                "WAN wan1 lost 100% of probes for 30 s\n\nOpen: https://vigil.example.net/#/sites/acme-hq"),
                        Map.entry("priority", "2"),
                        Map.entry("retry", "60"),
                        Map.entry("expire", "3600"),
                        Map.entry("url", ACK),
                        Map.entry("url_title", "Acknowledge"),
                        Map.entry("device", "phone1"),
                        Map.entry("sound", "siren"))));
    }

    @Test
    void telegram_twoChats_sendMessageToEachWithInlineButtons() {
        String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        Attempt a = send("tgram://" + token + "/-1001234567890/@vigil_ops", ALERT);

        assertThat(a.result()).isEqualTo(Attempt.Result.DELIVERED);
        Request first = service.next();
        Request second = service.next();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/bot" + token + "/sendMessage");
        assertThat(first.header("Content-Type")).isEqualTo("application/json");
        assertThat(WireCodec.readTree(first.body())).isEqualTo(WireCodec.readTree("""
                {"chat_id":"-1001234567890",
                 "text":"<b>acme-hq: WAN wan1 down</b>\\nWAN wan1 lost 100% of probes for 30 s",
                 "parse_mode":"HTML",
                 "reply_markup":{"inline_keyboard":[[
                   {"text":"Acknowledge","url":"https://vigil.example.net/api/ack/tok123"},
                   {"text":"Open","url":"https://vigil.example.net/#/sites/acme-hq"}]]}}
                """));
        assertThat(WireCodec.readTree(second.body()).get("chat_id").asText()).isEqualTo("@vigil_ops");
    }

    @Test
    void telegram_htmlInTitle_isEscaped() {
        Notification n = new Notification(
                NotificationKind.TEST,
                null,
                null,
                null,
                Severity.INFO,
                2,
                "a<b>&c",
                "x > y",
                List.of(),
                null,
                null,
                null);
        send("tgram://123456789:AAHdqTcvCH1vGWJx/42", n);

        JsonNode body = WireCodec.readTree(service.next().body());
        assertThat(body.get("text").asText()).isEqualTo("<b>a&lt;b&gt;&amp;c</b>\nx &gt; y");
        assertThat(body.get("disable_notification").asBoolean()).isTrue();
        assertThat(body.has("reply_markup")).isFalse();
    }

    @Test
    void webhook_alert_postsDocumentedBodyWithAuthAndExtraHeaders() {
        Attempt a =
                send("json://hook:pw99@127.0.0.1:" + service.port() + "/hooks/vigil?+X-Api-Key=k3y&+X-Team=noc", ALERT);

        assertThat(a.result()).isEqualTo(Attempt.Result.DELIVERED);
        Request r = service.next();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/vigil");
        assertThat(r.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("hook:pw99".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.header("X-Api-Key")).isEqualTo("k3y");
        assertThat(r.header("X-Team")).isEqualTo("noc");
        String line = "*acme-hq: WAN wan1 down*\nWAN wan1 lost 100% of probes for 30 s\n\nOpen: " + CLICK
                + "\nAcknowledge: " + ACK;
        JsonNode expected = WireCodec.readTree("""
                {"version":"1.0","title":"acme-hq: WAN wan1 down","message":"WAN wan1 lost 100% of probes for 30 s",
                 "type":"failure","kind":"alert","alert_id":"01JALERT0000000000000000AA","site":"acme-hq",
                 "rule":"wan_down","severity":"critical","priority":5,"tags":["rotating_light","acme"],
                 "click_url":"https://vigil.example.net/#/sites/acme-hq","ack_url":"https://vigil.example.net/api/ack/tok123",
                 "group_key":"a-01JALERT0000000000000000AA"}
                """);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected)
                .put("text", line)
                .put("content", line);
        assertThat(WireCodec.readTree(r.body())).isEqualTo(expected);
    }

    @Test
    void http_serverError_isTransientWithShortBody() {
        service.thenReply(Reply.of(500, "{\"error\":\"database locked\"}"));
        Attempt a = send("ntfy://127.0.0.1:" + service.port() + "/t", ALERT);
        assertThat(a).isEqualTo(Attempt.transientFailure("HTTP 500 {\"error\":\"database locked\"}", null));
    }

    @Test
    void http_tooManyRequestsWithRetryAfter_isTransientWithThatDelay() {
        service.thenReply(new Reply(429, Map.of("Retry-After", "42"), "{\"error\":\"limit reached\"}"));
        Attempt a = send("ntfy://127.0.0.1:" + service.port() + "/t", ALERT);
        assertThat(a.result()).isEqualTo(Attempt.Result.TRANSIENT);
        assertThat(a.retryAfter()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void http_unauthorized_isPermanentAndNeverEchoesTheToken() {
        service.thenReply(Reply.of(401, "{\"error\":\"bad token tk_secret12345\"}"));
        Attempt a = send("ntfy://tk_secret12345@127.0.0.1:" + service.port() + "/t", ALERT);
        assertThat(a.result()).isEqualTo(Attempt.Result.PERMANENT);
        assertThat(a.detail()).isEqualTo("HTTP 401 {\"error\":\"bad token ****\"}");
    }

    @Test
    void http_nothingListening_isTransientConnectionError() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Attempt a = send("gotify://127.0.0.1:" + closedPort + "/AppToken99", ALERT);
        assertThat(a.result()).isEqualTo(Attempt.Result.TRANSIENT);
        assertThat(a.detail()).startsWith("error: ConnectException").doesNotContain("AppToken99");
    }

    @Test
    void retryAfter_httpDateOrSeconds_bothUnderstood() {
        java.time.Instant now = java.time.Instant.parse("2015-10-21T07:27:00Z");
        assertThat(HttpSender.retryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(HttpSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now)).contains(Duration.ofSeconds(60));
        assertThat(HttpSender.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(HttpSender.retryAfter("soon", now)).isEmpty();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
