package dev.vigil.collector.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.SteppingClock;
import dev.vigil.collector.testing.SuppressForbidden;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's "Done when" check, done the way docs/alerts.md and docs/api.md tell a user to: a real collector (MQTT in,
 * HTTP API out) with its configured channels (no injected channel setup), one {@code ntfy://} channel pointing at an
 * ntfy server that runs in this test and checks every request against ntfy's JSON publish API, and the collector's
 * public URL set so that the ack action is an absolute link the test calls exactly as the ntfy app would.
 *
 * <p>The collector runs on a clock the test moves, so that "no repeat after acknowledge" is checked against a routing
 * rule with a one-minute reminder without waiting a minute.
 */
class NtfyDoneWhenTest {
    private static final String SITE = "acme-hq";
    private static final String TOPIC = "vigil/v1/sites/" + SITE;
    private static final String NTFY_TOPIC = "acme-oncall";
    private static final String TEST_TITLE = "Vigil test notification";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SteppingClock clock = new SteppingClock(Instant.now());
    private final NtfyServer ntfy = new NtfyServer();
    private final HttpClient phone = HttpClient.newHttpClient(); // no cookies, no login: what the ntfy app has
    private String publicUrl;
    private RunningCollector collector;
    private ApiClient admin;
    private MqttClient agent;
    private String channelId;

    @BeforeEach
    void start() throws Exception {
        int httpPort = freePort();
        publicUrl = "http://127.0.0.1:" + httpPort;
        collector = new RunningCollector(c -> c.withPorts(0, httpPort).withPublicUrl(publicUrl), clock);
        admin = collector.admin();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null && agent.isConnected()) {
            agent.disconnect();
        }
        if (collector != null) {
            collector.close();
        }
        ntfy.close();
    }

    @Test
    void doneWhen_realNtfyChannel_onePushAckedOnceNoRepeatMutedInMaintenanceHeldWhileOffline() throws Exception {
        // 1. register a site (api.md: Sites) and connect its agent with the MQTT credentials it answers with
        ApiClient.Reply site = admin.post("/api/sites", "{\"site\":\"" + SITE + "\",\"tags\":[\"acme\"]}");
        assertThat(site.status()).as(site.body()).isEqualTo(201);
        agent = collector.connect(
                "acme-agent",
                site.json().get("username").asText(),
                site.json().get("password").asText());
        agent.publish(TOPIC + "/status", Payloads.status(SITE, SiteStatus.ONLINE), 1, true);

        // the ntfy channel (api.md: Notification channels), then a rule that repeats every minute (alerts.md:
        // Escalation) so that "no repeat after acknowledge" can fail; it routes like the default route does
        ApiClient.Reply channel = admin.post(
                "/api/channels",
                "{\"name\":\"oncall-phone\",\"url\":\"ntfy://127.0.0.1:" + ntfy.port() + "/" + NTFY_TOPIC + "\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        channelId = channel.json().get("id").asText();
        ApiClient.Reply rule = admin.post(
                "/api/notify/rules",
                "{\"min_severity\":\"warning\",\"channels\":[\"" + channelId + "\"],\"repeat_minutes\":1}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        // 2. a critical wan.down over MQTT: exactly one ntfy request, priority >= 4, with an ack action
        agent.publish(TOPIC + "/events", Payloads.wanDown(SITE, "wan1"), 1, false);
        await().atMost(WAIT).until(() -> pushes().size() == 1);
        JsonNode push = pushes().get(0);
        String wan1 = openAlert(SITE + ": WAN wan1 down").get("id").asText();
        String ackUrl = checkAlertPush(push, wan1, SITE + ": WAN wan1 down");
        // the channel's test goes through the same queue, after anything the alert made: a bounded "nothing else"
        channelTestMarker();
        assertThat(pushes()).hasSize(1);
        JsonNode delivered = admin.get("/api/deliveries?alert=" + wan1).json().get("deliveries");
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).get("kind").asText()).isEqualTo("alert");
        assertThat(delivered.get(0).get("outcome").asText()).isEqualTo("delivered");
        assertThat(delivered.get(0).get("channel_id").asText()).isEqualTo(channelId);

        // 3. call the action as ntfy does: POST to its URL, no body, no login
        HttpResponse<String> ack = postAsNtfy(ackUrl);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(WireCodec.readTree(ack.body()))
                .isEqualTo(Json.object().put("status", "acknowledged").put("alert", wan1));
        JsonNode acked = alert(wan1);
        assertThat(acked.get("state").asText()).isEqualTo("acknowledged");
        assertThat(acked.get("acknowledged_by").asText()).isEqualTo("ack-link");
        HttpResponse<String> again = postAsNtfy(ackUrl);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(WireCodec.readTree(again.body()).get("error").asText()).contains("reused");

        // a later alert through the whole pipeline (MQTT, alerts, notifier, channel queue) arrives next: nothing
        // was sent for the acknowledgement in between
        agent.publish(TOPIC + "/events", Payloads.wanDown(SITE, "wan2"), 1, false);
        await().atMost(WAIT).until(() -> pushes().size() == 2);
        String wan2 = openAlert(SITE + ": WAN wan2 down").get("id").asText();
        checkAlertPush(pushes().get(1), wan2, SITE + ": WAN wan2 down");

        // no repeat: past the rule's minute the open wan2 gets its reminder, the acknowledged wan1 does not
        String marker = createWindow("{\"tags\":[\"no-site-has-this\"],\"from\":\""
                + clock.instant().plusSeconds(150) + "\",\"to\":\""
                + clock.instant().plusSeconds(3600)
                + "\",\"reason\":\"tick marker\"}");
        clock.advance(Duration.ofSeconds(120));
        await().atMost(WAIT).until(() -> pushes().size() == 3);
        assertThat(pushes().get(2).get("title").asText()).isEqualTo("Reminder: " + SITE + ": WAN wan2 down");
        // a later tick (the marker window starts) proves the reminder tick is over, then the queue marker
        clock.advance(Duration.ofSeconds(40));
        await().atMost(WAIT).until(() -> maintenanceLog().contains("started " + marker));
        channelTestMarker();
        assertThat(pushes()).hasSize(3);
        assertThat(pushesAbout(wan1)).hasSize(1);
        assertThat(admin.get("/api/deliveries?alert=" + wan1).json().get("deliveries"))
                .hasSize(1);

        // 4. the site in maintenance: a new WAN alert is listed, marked muted, and not sent
        Instant now = clock.instant();
        String window = createWindow("{\"sites\":[\"" + SITE + "\"],\"from\":\"" + now.minusSeconds(60) + "\",\"to\":\""
                + now.plusSeconds(3600) + "\",\"reason\":\"ISP works\"}");
        agent.publish(TOPIC + "/events", Payloads.wanDown(SITE, "wan3"), 1, false);
        // muted is the notifier's own mark: once it shows, the notifier has handled the alert
        JsonNode wan3 = await().atMost(WAIT)
                .until(
                        () -> openAlertOrNull(SITE + ": WAN wan3 down"),
                        a -> a != null && a.get("muted").asBoolean());
        assertThat(wan3.get("muted_by").asText()).isEqualTo("maintenance " + window + " (ISP works)");
        channelTestMarker();
        assertThat(pushes()).hasSize(3);
        assertThat(admin.get("/api/deliveries?alert=" + wan3.get("id").asText())
                        .json()
                        .get("deliveries"))
                .isEmpty();
        ApiClient.Reply ended = admin.delete("/api/maintenance/" + window);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);

        // 5. the site's offline status, then five child alerts: at most one notification, here exactly the offline one
        agent.publish(TOPIC + "/status", Payloads.status(SITE, SiteStatus.OFFLINE), 1, true);
        await().atMost(WAIT).until(() -> pushes().size() == 4);
        String offline = openAlert(SITE + ": site offline").get("id").asText();
        checkAlertPush(pushes().get(3), offline, SITE + ": site offline");
        List<byte[]> children = List.of(
                Payloads.wanDown(SITE, "wan4"),
                Payloads.wanDown(SITE, "wan5"),
                event(
                        "wan.degraded",
                        Severity.WARNING,
                        "wan/wan6",
                        Json.object().put("wan", "wan6")),
                event(
                        "vrrp.master_lost",
                        Severity.CRITICAL,
                        "vrrp/eth0/IPv4/10",
                        Json.object().put("silence_ms", 3000)),
                event("vrrp.split_brain", Severity.CRITICAL, "vrrp/eth0/IPv4/11", Json.object()));
        for (byte[] child : children) {
            agent.publish(TOPIC + "/events", child, 1, false);
        }
        List<String> childTitles = List.of(
                SITE + ": WAN wan4 down",
                SITE + ": WAN wan5 down",
                SITE + ": WAN wan6 degraded",
                SITE + ": no VRRP master on vrrp/eth0/IPv4/10",
                SITE + ": split brain on vrrp/eth0/IPv4/11");
        await().atMost(WAIT)
                .until(() -> childTitles.stream()
                        .map(this::openAlertOrNull)
                        .allMatch(a -> a != null && a.get("muted").asBoolean()));
        for (String title : childTitles) {
            assertThat(openAlert(title).get("muted_by").asText()).as(title).isEqualTo("site offline");
        }
        channelTestMarker();
        assertThat(pushes()).hasSize(4);

        assertThat(ntfy.violations()).isEmpty();
    }

    /**
     * One alert push as docs/alerts.md promises it, in ntfy's JSON publish format (https://docs.ntfy.sh/publish/#publish-as-json,
     * action buttons: https://docs.ntfy.sh/publish/#action-buttons). Returns the ack link.
     */
    private String checkAlertPush(JsonNode push, String alertId, String title) {
        assertThat(push.get("topic").asText()).isEqualTo(NTFY_TOPIC);
        assertThat(push.get("title").asText()).isEqualTo(title);
        assertThat(push.get("priority").asInt()).isGreaterThanOrEqualTo(4).isEqualTo(5); // critical is 5
        assertThat(push.get("click").asText()).isEqualTo(publicUrl + "/#/sites/" + SITE);
        assertThat(push.get("sequence_id").asText()).isEqualTo("vigil-" + alertId);
        JsonNode ack = push.get("actions").get(0);
        assertThat(ack.get("action").asText()).isEqualTo("http");
        assertThat(ack.get("label").asText()).isEqualTo("Acknowledge");
        assertThat(ack.get("method").asText()).isEqualTo("POST");
        assertThat(ack.get("clear").asBoolean()).isTrue();
        assertThat(ack.get("url").asText()).startsWith(publicUrl + "/ack/" + alertId + ".");
        return ack.get("url").asText();
    }

    /** The notifications ntfy received, the channel tests left out. */
    private List<JsonNode> pushes() {
        return ntfy.bodies().stream()
                .filter(b -> !TEST_TITLE.equals(b.path("title").asText()))
                .toList();
    }

    private List<JsonNode> pushesAbout(String alertId) {
        return pushes().stream()
                .filter(b -> ("vigil-" + alertId).equals(b.path("sequence_id").asText()))
                .toList();
    }

    /** {@code POST /api/channels/{id}/test} answers once the channel made its attempt: everything queued before is done. */
    private void channelTestMarker() {
        int before = ntfy.bodies().size();
        ApiClient.Reply test = admin.post("/api/channels/" + channelId + "/test", "");
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().get("result").asText()).isEqualTo("delivered");
        assertThat(ntfy.bodies().size()).isGreaterThan(before);
    }

    private HttpResponse<String> postAsNtfy(String url) throws Exception {
        return phone.send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String createWindow(String json) {
        ApiClient.Reply r = admin.post("/api/maintenance", json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private List<String> maintenanceLog() {
        List<String> out = new ArrayList<>();
        admin.get("/api/maintenance/log")
                .json()
                .get("log")
                .forEach(e ->
                        out.add(e.get("event").asText() + " " + e.get("window").asText()));
        return out;
    }

    private byte[] event(String type, Severity severity, String subject, ObjectNode data) {
        return Payloads.bytes(Payloads.event(SITE, type, severity, subject, data));
    }

    private JsonNode alert(String id) {
        for (JsonNode a : admin.get("/api/alerts").json().get("alerts")) {
            if (a.get("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no alert " + id);
    }

    /** The open alert with this title (alerts.md: the title names the site and what is wrong), or null. */
    private JsonNode openAlertOrNull(String title) {
        for (JsonNode a :
                admin.get("/api/alerts?state=open&site=" + SITE).json().get("alerts")) {
            if (a.get("title").asText().equals(title)) {
                return a;
            }
        }
        return null;
    }

    private JsonNode openAlert(String title) {
        JsonNode a = openAlertOrNull(title);
        if (a == null) {
            throw new AssertionError("no open alert " + title);
        }
        return a;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * An ntfy server as far as publishing goes: accepts what ntfy's JSON publish API accepts
     * (https://docs.ntfy.sh/publish/#publish-as-json) and answers like ntfy; anything else is answered 400 and kept as a
     * violation.
     */
    @SuppressForbidden(reason = "com.sun.net.httpserver is the JDK's exported HTTP server API (module jdk.httpserver)")
    private static final class NtfyServer implements AutoCloseable {
        private static final Set<String> FIELDS = Set.of(
                "topic",
                "message",
                "title",
                "tags",
                "priority",
                "actions",
                "click",
                "attach",
                "markdown",
                "icon",
                "filename",
                "delay",
                "email",
                "call",
                "sequence_id");
        private static final Set<String> ACTIONS = Set.of("view", "broadcast", "http", "copy");

        private final HttpServer server;
        private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final AtomicInteger ids = new AtomicInteger();

        NtfyServer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the ntfy stand-in", e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        List<JsonNode> bodies() {
            return List.copyOf(bodies);
        }

        List<String> violations() {
            return List.copyOf(violations);
        }

        private void handle(HttpExchange x) throws IOException {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> problems = new ArrayList<>();
            if (!"POST".equals(x.getRequestMethod())) {
                problems.add("method " + x.getRequestMethod());
            }
            if (!"/".equals(x.getRequestURI().getPath())) {
                problems.add("path " + x.getRequestURI().getPath() + " (JSON is published to the root)");
            }
            String type = x.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                problems.add("Content-Type " + type);
            }
            JsonNode json = null;
            try {
                json = WireCodec.readTree(body);
            } catch (RuntimeException e) {
                problems.add("not JSON: " + e.getMessage());
            }
            if (json != null) {
                problems.addAll(publishProblems(json));
            }
            if (problems.isEmpty()) {
                bodies.add(json);
                int id = ids.incrementAndGet();
                reply(
                        x,
                        200,
                        "{\"id\":\"msg" + id + "\",\"time\":" + Instant.now().getEpochSecond()
                                + ",\"event\":\"message\",\"topic\":\""
                                + json.get("topic").asText() + "\"}");
            } else {
                violations.add(String.join("; ", problems) + ": " + body);
                reply(
                        x,
                        400,
                        "{\"code\":40000,\"http\":400,\"error\":\""
                                + problems.get(0).replace("\"", "'") + "\"}");
            }
        }

        private static List<String> publishProblems(JsonNode j) {
            List<String> p = new ArrayList<>();
            if (!j.isObject()) {
                return List.of("body is not an object");
            }
            j.fieldNames().forEachRemaining(f -> {
                if (!FIELDS.contains(f)) {
                    p.add("unknown field " + f);
                }
            });
            if (!j.path("topic").asText().matches("[-_A-Za-z0-9]{1,64}")) {
                p.add("topic " + j.path("topic"));
            }
            if (j.has("message") && !j.get("message").isTextual()) {
                p.add("message is not a string");
            }
            if (j.has("title") && !j.get("title").isTextual()) {
                p.add("title is not a string");
            }
            if (j.has("priority")
                    && !(j.get("priority").isInt()
                            && j.get("priority").asInt() >= 1
                            && j.get("priority").asInt() <= 5)) {
                p.add("priority " + j.get("priority"));
            }
            if (j.has("tags") && !(j.get("tags").isArray() && allText(j.get("tags")))) {
                p.add("tags must be an array of strings");
            }
            if (j.has("click") && !j.get("click").asText().matches("https?://\\S+")) {
                p.add("click " + j.get("click"));
            }
            if (j.has("actions")) {
                JsonNode actions = j.get("actions");
                if (!actions.isArray() || actions.size() > 3) {
                    p.add("actions must be an array of at most 3");
                } else {
                    actions.forEach(a -> {
                        if (!ACTIONS.contains(a.path("action").asText())
                                || !a.path("label").isTextual()) {
                            p.add("action " + a);
                        }
                        if (Set.of("view", "http").contains(a.path("action").asText())
                                && !a.path("url").asText().matches("https?://\\S+")) {
                            p.add("action url " + a.path("url"));
                        }
                        if (a.has("method")
                                && !Set.of("GET", "POST", "PUT", "DELETE")
                                        .contains(a.get("method").asText())) {
                            p.add("action method " + a.get("method"));
                        }
                        if (a.has("clear") && !a.get("clear").isBoolean()) {
                            p.add("action clear must be a boolean");
                        }
                    });
                }
            }
            return p;
        }

        private static boolean allText(JsonNode array) {
            for (JsonNode n : array) {
                if (!n.isTextual()) {
                    return false;
                }
            }
            return true;
        }

        private static void reply(HttpExchange x, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
