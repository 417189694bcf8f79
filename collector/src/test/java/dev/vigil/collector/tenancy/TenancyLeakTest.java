package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two customers, Alpha and Beta, one site each with state, events and open alerts; Beta also has a channel, a routing
 * rule, maintenance windows (one muting its alert) and a snooze. Alpha's users walk every route, the live stream and
 * MQTT: nothing of Beta is visible, and Beta's site answers exactly like a site that does not exist.
 */
class TenancyLeakTest {
    private static final String PASSWORD = "a-long-password";

    private static RunningCollector collector;
    private static ApiClient msp;
    private static ApiClient alice;
    private static ApiClient alphaOperator;
    private static ApiClient alphaAdmin;
    private static MqttClient agentA;
    private static MqttClient agentB;
    private static String betaAlertId;
    private static String betaChannelId;
    private static String betaRuleId;
    private static String betaWindowId;
    private static String betaTagWindowId;
    private static String betaSnoozeId;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector();
        msp = collector.admin();
        assertThat(msp.post("/api/customers", "{\"name\":\"Alpha\"}").status()).isEqualTo(201);
        assertThat(msp.post("/api/customers", "{\"name\":\"Beta\"}").status()).isEqualTo(201);
        String passA = msp.post("/api/sites", "{\"site\":\"a-one\",\"customer\":\"Alpha\"}")
                .json()
                .get("password")
                .asText();
        String passB = msp.post("/api/sites", "{\"site\":\"b-one\",\"tags\":[\"b-tag\"],\"customer\":\"Beta\"}")
                .json()
                .get("password")
                .asText();
        createUser("alice", "viewer", "Alpha");
        createUser("alpha-op", "operator", "Alpha");
        createUser("alpha-admin", "admin", "Alpha");
        createUser("bob", "viewer", "Beta");
        ApiClient bob = new ApiClient(collector.httpPort()).login("bob", PASSWORD);
        assertThat(bob.post("/api/tokens", "{\"name\":\"beta-script\"}").status())
                .isEqualTo(201);
        alice = new ApiClient(collector.httpPort()).login("alice", PASSWORD);
        alphaOperator = new ApiClient(collector.httpPort()).login("alpha-op", PASSWORD);
        alphaAdmin = new ApiClient(collector.httpPort()).login("alpha-admin", PASSWORD);
        seedBetaNotifyPolicy();
        agentA = collector.connect("agent-a", "a-one", passA);
        agentB = collector.connect("agent-b", "b-one", passB);
        for (var site : List.of("a-one", "b-one")) {
            MqttClient agent = site.equals("a-one") ? agentA : agentB;
            agent.publish("vigil/v1/sites/" + site + "/status", Payloads.status(site, SiteStatus.ONLINE), 1, true);
            agent.publish("vigil/v1/sites/" + site + "/state", Payloads.state(site, "192.0.2.11"), 1, true);
            agent.publish("vigil/v1/sites/" + site + "/events", Payloads.wanDown(site, "wan1"), 1, false);
        }
        betaAlertId = await().atMost(Duration.ofSeconds(15)).until(() -> openAlertOf(msp, "b-one"), v -> v != null);
        await().atMost(Duration.ofSeconds(15)).until(() -> openAlertOf(msp, "a-one"), v -> v != null);
        betaSnoozeId = created(msp.post(
                "/api/snooze", "{\"alert\":\"" + betaAlertId + "\",\"for\":\"4h\",\"reason\":\"Beta snooze\"}"));
        await().atMost(Duration.ofSeconds(15))
                .alias("Beta's alert is muted by its maintenance window")
                .until(() -> msp.get("/api/notify/muted").body().contains(betaAlertId));
    }

    /** Beta's channel, routing rule and maintenance (one window on its site, one on its tag), all made by the MSP. */
    private static void seedBetaNotifyPolicy() {
        betaChannelId =
                created(msp.post("/api/channels", "{\"name\":\"beta-oncall\",\"url\":\"ntfy://127.0.0.1:9/beta\"}"));
        betaRuleId = created(
                msp.post("/api/notify/rules", "{\"customer\":\"Beta\",\"channels\":[\"" + betaChannelId + "\"]}"));
        Instant now = Instant.now();
        betaWindowId = created(msp.post(
                "/api/maintenance",
                "{\"sites\":[\"b-one\"],\"from\":\"" + now.minusSeconds(60) + "\",\"to\":\"" + now.plusSeconds(7200)
                        + "\",\"reason\":\"Beta fibre works\"}"));
        betaTagWindowId = created(msp.post(
                "/api/maintenance",
                "{\"tags\":[\"b-tag\"],\"from\":\"" + now.plusSeconds(3600) + "\",\"to\":\"" + now.plusSeconds(7200)
                        + "\",\"reason\":\"tag works\"}"));
    }

    private static String created(ApiClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        agentA.disconnect();
        agentB.disconnect();
        collector.close();
    }

    private static void createUser(String name, String role, String customer) {
        ApiClient.Reply r = msp.post(
                "/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role
                        + "\",\"customer\":\"" + customer + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String openAlertOf(ApiClient client, String site) {
        for (JsonNode a : client.get("/api/alerts?state=open").json().get("alerts")) {
            if (a.get("site").asText().equals(site)) {
                return a.get("id").asText();
            }
        }
        return null;
    }

    @Test
    void everyReadRoute_asAlphaUsers_showsAlphaAndNothingOfBeta() {
        List<String> paths = List.of(
                "/api/me",
                "/api/sites",
                "/api/sites?q=b",
                "/api/sites?tag=b-tag",
                "/api/sites/a-one",
                "/api/sites/a-one/events",
                "/api/sites/a-one/metrics",
                "/api/sites/a-one/commands",
                "/api/command-key",
                "/api/alerts",
                "/api/alerts?state=open",
                "/api/alerts?state=resolved",
                "/api/alerts?site=b-one",
                "/api/users",
                "/api/tokens",
                "/api/channels",
                "/api/deliveries",
                "/api/deliveries?alert=" + betaAlertId,
                "/api/notify/rules",
                "/api/notify/muted",
                "/api/maintenance",
                "/api/maintenance?site=a-one",
                "/api/maintenance/log",
                "/api/reports/availability?site=a-one&month=" + thisMonth(),
                "/api/reports/availability?customer=Alpha&month=" + thisMonth(),
                "/api/cluster",
                "/api/cluster?site=a-one");
        for (ApiClient client : List.of(alice, alphaOperator, alphaAdmin)) {
            for (String path : paths) {
                ApiClient.Reply r = client.get(path);
                assertThat(r.status()).as(path).isIn(200, 403);
                assertNothingOfBeta(path, r.body());
            }
        }
        assertThat(alice.get("/api/sites").body()).contains("a-one");
        assertThat(alice.get("/api/alerts").body()).contains("a-one");
        assertThat(alice.get("/api/me").json().get("customer").asText()).isEqualTo("Alpha");
        assertThat(alphaAdmin.get("/api/users").json().findValuesAsText("username"))
                .containsExactlyInAnyOrder("alice", "alpha-op", "alpha-admin");
        assertThat(alice.get("/api/reports/availability?customer=Alpha&month=" + thisMonth())
                        .json()
                        .get("sites")
                        .findValuesAsText("site"))
                .containsExactly("a-one");
    }

    @Test
    void mspLevelNotifyAndClusterRoutes_asAlphaUsers_answer403() {
        for (ApiClient client : List.of(alice, alphaOperator, alphaAdmin)) {
            for (String path : List.of(
                    "/api/channels", "/api/deliveries", "/api/notify/rules", "/api/maintenance/log", "/api/cluster")) {
                ApiClient.Reply r = client.get(path);
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.json().get("error").asText()).as(path).contains("MSP staff");
            }
        }
        assertThat(msp.get("/api/notify/rules").body())
                .as("the MSP sees Beta's rule")
                .contains(betaRuleId);
        assertThat(msp.get("/api/channels").body()).contains("beta-oncall");
    }

    @Test
    void betasSiteAndCustomer_inReportsAndMaintenance_answerLikeOnesThatDoNotExist() {
        String month = "&month=" + thisMonth();
        List<String[]> pairs = List.of(
                new String[] {"/api/reports/availability?site=b-one" + month, "b-one", "no-such"},
                new String[] {"/api/reports/availability?customer=Beta" + month, "Beta", "Nobody"},
                new String[] {"/api/maintenance?site=b-one", "b-one", "no-such"});
        for (String[] pair : pairs) {
            ApiClient.Reply beta = alice.get(pair[0]);
            ApiClient.Reply none = alice.get(pair[0].replace(pair[1], pair[2]));
            assertThat(beta.status()).as(pair[0]).isEqualTo(404).isEqualTo(none.status());
            assertThat(beta.body()).as(pair[0]).isEqualTo(none.body().replace(pair[2], pair[1]));
        }
        assertThat(msp.get("/api/reports/availability?customer=Beta" + month).status())
                .isEqualTo(200);
        assertThat(msp.get("/api/maintenance?site=b-one").body()).contains(betaWindowId);
    }

    @Test
    void notifyChanges_asAlphaUsers_cannotReachBetaOrMspSettings() {
        assertThat(alphaOperator
                        .post("/api/maintenance", window("\"sites\":[\"b-one\"]"))
                        .status())
                .isEqualTo(404);
        assertThat(alphaOperator
                        .post("/api/maintenance", window("\"tags\":[\"b-tag\"]"))
                        .status())
                .isEqualTo(403);
        assertThat(alphaOperator
                        .post("/api/maintenance", window("\"all\":true"))
                        .status())
                .isEqualTo(403);
        assertThat(alphaOperator
                        .post("/api/snooze", "{\"site\":\"b-one\",\"for\":\"1h\"}")
                        .status())
                .isEqualTo(404);
        assertThat(alphaOperator
                        .post("/api/snooze", "{\"alert\":\"" + betaAlertId + "\",\"for\":\"1h\"}")
                        .status())
                .isEqualTo(404);
        for (String id : List.of(betaWindowId, betaTagWindowId, betaSnoozeId)) {
            assertThat(alphaOperator.delete("/api/maintenance/" + id).status())
                    .as(id)
                    .isEqualTo(404);
        }
        assertThat(alphaAdmin
                        .post("/api/notify/rules", "{\"channels\":[\"" + betaChannelId + "\"]}")
                        .status())
                .isEqualTo(403);
        assertThat(alphaAdmin.delete("/api/notify/rules/" + betaRuleId).status())
                .isEqualTo(403);
        assertThat(alphaAdmin
                        .post("/api/channels", "{\"name\":\"x\",\"url\":\"ntfy://127.0.0.1:9/x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(alphaAdmin.delete("/api/channels/" + betaChannelId).status()).isEqualTo(403);
        assertThat(alphaOperator
                        .post("/api/channels/" + betaChannelId + "/test", "")
                        .status())
                .isEqualTo(403);
        String maintenance = msp.get("/api/maintenance").body();
        assertThat(maintenance).contains(betaWindowId, betaTagWindowId, betaSnoozeId);
        assertThat(msp.get("/api/notify/rules").body()).contains(betaRuleId);
        assertThat(msp.get("/api/channels").body()).contains(betaChannelId);
    }

    @Test
    void maintenanceOfOwnSite_asAlphaOperator_isCreatedListedAndDeleted() {
        ApiClient.Reply r = alphaOperator.post("/api/maintenance", window("\"sites\":[\"a-one\"]"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(alice.get("/api/maintenance").body()).contains(id);
        assertThat(alphaOperator.delete("/api/maintenance/" + id).status()).isEqualTo(200);
    }

    private static String window(String scope) {
        Instant now = Instant.now();
        return "{" + scope + ",\"from\":\"" + now.plusSeconds(86_400) + "\",\"to\":\"" + now.plusSeconds(90_000)
                + "\",\"reason\":\"router swap\"}";
    }

    private static String thisMonth() {
        return YearMonth.now(ZoneOffset.UTC).toString();
    }

    @Test
    void betasSite_asAlphaUser_answersLikeASiteThatDoesNotExist() {
        for (String suffix : List.of("", "/events", "/metrics", "/commands")) {
            ApiClient.Reply beta = alice.get("/api/sites/b-one" + suffix);
            ApiClient.Reply none = alice.get("/api/sites/no-such" + suffix);
            assertThat(beta.status()).as(suffix).isEqualTo(404).isEqualTo(none.status());
            assertThat(beta.body()).isEqualTo(none.body().replace("no-such", "b-one"));
        }
        ApiClient.Reply ack = alphaOperator.post("/api/alerts/" + betaAlertId + "/ack", "");
        assertThat(ack.status()).isEqualTo(404);
        assertThat(msp.get("/api/alerts?state=open").body())
                .as("Beta's alert stays open")
                .contains(betaAlertId)
                .doesNotContain("alpha-op");
    }

    @Test
    void changes_asAlphaAdmin_cannotReachBetaOrTheMsp() {
        assertThat(alphaAdmin.get("/api/customers").status()).isEqualTo(403);
        assertThat(alphaAdmin.post("/api/customers", "{\"name\":\"Gamma\"}").status())
                .isEqualTo(403);
        assertThat(alphaAdmin.post("/api/sites", "{\"site\":\"a-two\"}").status())
                .isEqualTo(403);
        assertThat(alphaAdmin
                        .put("/api/sites/b-one/customer", "{\"customer\":\"Alpha\"}")
                        .status())
                .isEqualTo(403);
        assertThat(alphaAdmin.get("/api/auth/events").status()).isEqualTo(403);
        assertThat(alphaAdmin.delete("/api/users/bob").status()).isEqualTo(404);
        assertThat(alphaAdmin.delete("/api/users/admin").status()).isEqualTo(404);
        assertThat(alphaAdmin
                        .post("/api/users/bob/password", "{\"password\":\"taken-over-1\"}")
                        .status())
                .isEqualTo(404);
        assertThat(alphaAdmin
                        .post(
                                "/api/users",
                                "{\"username\":\"mole\",\"password\":\"" + PASSWORD
                                        + "\",\"role\":\"admin\",\"customer\":\"Beta\"}")
                        .status())
                .isEqualTo(403);
        ApiClient.Reply own = alphaAdmin.post(
                "/api/users", "{\"username\":\"alpha-two\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}");
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.json().get("customer").asText())
                .as("forced to the admin's customer")
                .isEqualTo("Alpha");
    }

    @Test
    void liveStream_asAlphaViewer_carriesAlphaChangesOnly() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var pending = alice.http()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(alice.base() + "/api/stream"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAcceptAsync(r -> r.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
            agentB.publish("vigil/v1/sites/b-one/events", Payloads.wanDown("b-one", "wan-live"), 1, false);
            agentA.publish("vigil/v1/sites/a-one/events", Payloads.wanDown("a-one", "wan-live"), 1, false);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> lines.stream().anyMatch(l -> l.contains("a-one") && l.contains("wan-live")));
            // the site feed batches summaries: wait until a-one's latest summary has come through too
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> lines.contains("event: site") && lines.contains("event: alert"));
            assertThat(String.join("\n", lines)).doesNotContain("b-one").doesNotContain("Beta");
        } finally {
            pending.cancel(true);
        }
    }

    @Test
    void mqtt_asAlphaPhone_subscribesOnlyToAlphaSitesByName() throws Exception {
        MqttClient phone = collector.connect("alice-phone", "alice", PASSWORD);
        List<String> got = new CopyOnWriteArrayList<>();
        IMqttMessageListener listener = (topic, m) -> got.add(topic + " " + new String(m.getPayload(), "UTF-8"));
        try {
            List<String> refused = List.of(
                    "vigil/v1/#",
                    "vigil/v1/alerts/#",
                    "vigil/v1/alerts/+",
                    "vigil/v1/alerts/b-one",
                    "vigil/v1/sites/+/state",
                    "vigil/v1/sites/b-one/state",
                    "vigil/v1/sites/b-one/status",
                    "vigil/v1/sites/a-one/events");
            for (String filter : refused) {
                assertThat(phone.subscribeWithResponse(filter, 1, listener).getGrantedQos())
                        .as(filter)
                        .containsExactly(0x80);
            }
            for (String filter :
                    List.of("vigil/v1/alerts/a-one", "vigil/v1/sites/a-one/state", "vigil/v1/sites/a-one/status")) {
                assertThat(phone.subscribeWithResponse(filter, 1, listener).getGrantedQos())
                        .as(filter)
                        .containsExactly(1);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> got.stream().anyMatch(l -> l.startsWith("vigil/v1/alerts/a-one")));
            agentB.publish("vigil/v1/sites/b-one/state", Payloads.state("b-one", "192.0.2.12"), 1, true);
            agentA.publish("vigil/v1/sites/a-one/state", Payloads.state("a-one", "192.0.2.12"), 1, true);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> got.stream()
                            .anyMatch(l -> l.startsWith("vigil/v1/sites/a-one/state") && l.contains("192.0.2.12")));
            assertThat(String.join("\n", got)).doesNotContain("b-one");
        } finally {
            phone.disconnect();
            phone.close();
        }
    }

    private static void assertNothingOfBeta(String path, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        List<String> leaks = new ArrayList<>();
        List<String> secrets = List.of(
                "b-one",
                "b-tag",
                "beta",
                "bob",
                betaAlertId,
                betaChannelId,
                betaRuleId,
                betaWindowId,
                betaTagWindowId,
                betaSnoozeId);
        for (String secret :
                secrets.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList()) {
            if (lower.contains(secret)) {
                leaks.add(secret);
            }
        }
        assertThat(leaks).as("%s leaks %s: %s", path, leaks, body).isEmpty();
    }
}
