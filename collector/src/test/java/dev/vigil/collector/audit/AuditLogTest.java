package dev.vigil.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scripted session through the real collector (HTTP API, embedded MQTT endpoint, H2): two customers, their users and
 * sites, failed and good sign-ins, a channel with a secret, a token, an acknowledgement, a maintenance window and an
 * automatic repair reported by an agent over MQTT. Every action leaves one audit line with the right actor, site and
 * outcome; the reads filter, page and scope; the CSV is injection-safe; nothing secret is in any line.
 */
class AuditLogTest {
    private static final String PASSWORD = "Audit-Password-Alpha-1";
    private static final String NEW_PASSWORD = "Audit-Password-Changed-2";
    private static final String CHANNEL_SECRET = "tk_AuditSecretChannelToken42";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RunningCollector collector;
    private static ApiClient msp;
    private static ApiClient alice;
    private static ApiClient alphaOp;
    private static ApiClient bob;
    private static MqttClient agentA;
    private static final List<String> secrets = new ArrayList<>();
    private static byte[] repair;
    private static String repairEventId;
    private static String alertId;

    @BeforeAll
    static void script() throws Exception {
        collector = new RunningCollector();
        secrets.add(RunningCollector.ADMIN_PASSWORD);
        secrets.add(PASSWORD);
        secrets.add(NEW_PASSWORD);
        secrets.add(CHANNEL_SECRET);
        msp = collector.admin();
        assertThat(msp.post("/api/customers", "{\"name\":\"Alpha\"}").status()).isEqualTo(201);
        assertThat(msp.post("/api/customers", "{\"name\":\"Beta\"}").status()).isEqualTo(201);
        String passA = sitePassword("a-one", "Alpha");
        secrets.add(passA);
        secrets.add(sitePassword("b-one", "Beta"));
        createUser("alice", "viewer", "Alpha");
        createUser("alpha-op", "operator", "Alpha");
        createUser("bob", "operator", "Beta");
        assertThat(new ApiClient(collector.httpPort())
                        .post("/api/login", "{\"username\":\"alice\",\"password\":\"wrong-password-guess\"}")
                        .status())
                .isEqualTo(401);
        secrets.add("wrong-password-guess");
        alice = new ApiClient(collector.httpPort()).login("alice", PASSWORD);
        alphaOp = new ApiClient(collector.httpPort()).login("alpha-op", PASSWORD);
        bob = new ApiClient(collector.httpPort()).login("bob", PASSWORD);
        ApiClient.Reply token = bob.post("/api/tokens", "{\"name\":\"beta-script\"}");
        assertThat(token.status()).isEqualTo(201);
        secrets.add(token.json().get("token").asText());
        assertThat(alice.post(
                                "/api/me/password",
                                "{\"current\":\"" + PASSWORD + "\",\"password\":\"" + NEW_PASSWORD + "\"}")
                        .status())
                .isEqualTo(204);
        ApiClient.Reply channel = msp.post(
                "/api/channels", "{\"name\":\"oncall\",\"url\":\"ntfy://" + CHANNEL_SECRET + "@127.0.0.1:9/oncall\"}");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        Instant now = Instant.now();
        String window = msp.post(
                        "/api/maintenance",
                        "{\"sites\":[\"b-one\"],\"from\":\"" + now.minusSeconds(60) + "\",\"to\":\""
                                + now.plusSeconds(3600) + "\",\"reason\":\"fibre works\"}")
                .json()
                .get("id")
                .asText();
        assertThat(msp.delete("/api/maintenance/" + window).status()).isEqualTo(200);
        agentA = collector.connect("agent-a", "a-one", passA);
        agentA.publish("vigil/v1/sites/a-one/events", Payloads.wanDown("a-one", "wan1"), 1, false);
        alertId = await().atMost(WAIT).until(() -> openAlert("a-one"), id -> id != null);
        assertThat(alphaOp.post("/api/alerts/" + alertId + "/ack", "{}").status())
                .isEqualTo(200);
        repair = Payloads.bytes(Payloads.event(
                "a-one",
                EventTypes.ACTION_EXECUTED,
                Severity.WARNING,
                "router/router-a",
                Json.object()
                        .put("rule", "wan1-down")
                        .put("router", "router-a")
                        .put("action", "set_vrrp_priority")
                        .put("target", "vrrp/eth0/IPv4/10")
                        .put("before", 100)
                        .put("after", 90)
                        .put("dry_run", false)));
        repairEventId = Payloads.idOf(repair);
        agentA.publish("vigil/v1/sites/a-one/events", repair, 1, false);
        await().atMost(WAIT).until(() -> count(msp, "kind=action.executed") == 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (agentA != null) {
            agentA.disconnect();
        }
        collector.close();
    }

    @Test
    void eachAction_leavesOneLine_withActorSiteAndOutcome() {
        assertOne("kind=login.failed&actor=alice", "alice", null, "denied");
        assertThat(one("kind=login.failed&actor=alice").at("/details/reason").asText())
                .isEqualTo("bad_password");
        assertOne("kind=login.succeeded&actor=alice", "alice", null, "ok");
        assertOne("kind=customer.created&actor=admin&limit=1", "admin", null, "ok");
        assertOne("kind=site.created&site=a-one", "admin", "a-one", "ok");
        assertOne("kind=user.created&actor=admin&limit=1", "admin", null, "ok");
        assertThat(count(msp, "kind=user.created")).isEqualTo(3);
        assertOne("kind=token.created", "bob", null, "ok");
        assertOne("kind=password.changed", "alice", null, "ok");
        assertOne("kind=channel.added", "admin", null, "ok");
        assertOne("kind=maintenance.created", "admin", "b-one", "ok");
        assertOne("kind=maintenance.ended", "admin", "b-one", "ok");
        assertOne("kind=alert.acknowledged", "alpha-op", "a-one", "ok");
        JsonNode repairLine = one("kind=action.executed");
        assertThat(repairLine.get("actor").asText()).isEqualTo("agent:a-one");
        assertThat(repairLine.get("site").asText()).isEqualTo("a-one");
        assertThat(repairLine.get("outcome").asText()).isEqualTo("ok");
        assertThat(repairLine.at("/details/event_id").asText()).isEqualTo(repairEventId);
        assertThat(repairLine.get("summary").asText()).contains("set_vrrp_priority", "router-a");
        assertThat(one("kind=channel.added").at("/details/url").asText())
                .contains("****")
                .doesNotContain("tk_");
        assertThat(one("kind=login.succeeded&actor=bob").get("source").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void redeliveredRepairEvent_stillOneLine() throws Exception {
        agentA.publish("vigil/v1/sites/a-one/events", repair, 1, false);
        byte[] marker = Payloads.bytes(Payloads.event(
                "a-one",
                EventTypes.ACTION_FAILED,
                Severity.CRITICAL,
                "router/router-a",
                Json.object()
                        .put("router", "router-a")
                        .put("action", "enable_nat")
                        .put("error", "timeout")));
        agentA.publish("vigil/v1/sites/a-one/events", marker, 1, false);
        await().atMost(WAIT).until(() -> count(msp, "kind=action.failed") == 1);
        assertThat(count(msp, "kind=action.executed")).isEqualTo(1);
        assertThat(one("kind=action.failed").get("outcome").asText()).isEqualTo("failed");
    }

    @Test
    void kindPrefixActorAndPaging_findEveryLineOnceNewestFirst() {
        assertThat(entries(msp, "kind=login.&limit=1000"))
                .extracting(e -> e.get("kind").asText())
                .isNotEmpty()
                .allMatch(k -> k.startsWith("login."));
        assertThat(entries(msp, "actor=bob&limit=1000"))
                .extracting(e -> e.get("actor").asText())
                .containsOnly("bob");
        List<JsonNode> all = entries(msp, "limit=1000");
        List<String> paged = new ArrayList<>();
        String before = null;
        do {
            JsonNode page = msp.get("/api/audit?limit=3" + (before == null ? "" : "&before=" + before))
                    .json();
            page.get("entries").forEach(e -> paged.add(e.get("id").asText()));
            before = page.path("next_before").asText(null);
        } while (before != null);
        List<String> ids = all.stream().map(e -> e.get("id").asText()).toList();
        assertThat(paged).isEqualTo(ids);
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        String from = all.get(all.size() - 1).get("time").asText();
        assertThat(entries(
                        msp,
                        "from=" + from + "&to="
                                + enc(Instant.parse(from).plusMillis(1).toString())))
                .allMatch(e -> e.get("time").asText().equals(from));
        assertThat(msp.get("/api/audit?kind=DROP%20TABLE").status()).isEqualTo(400);
        assertThat(msp.get("/api/audit?limit=0").status()).isEqualTo(400);
    }

    @Test
    void csv_hasHeader_andDefusesFormulaCells() {
        for (String name : List.of("=1+2", "+SUM(1)", "-3", "@cmd", "a,\"b\"")) {
            new ApiClient(collector.httpPort())
                    .post("/api/login", "{\"username\":" + Json.object().textNode(name) + ",\"password\":\"x\"}");
        }
        await().atMost(WAIT).until(() -> count(msp, "kind=login.failed") >= 6);
        ApiClient.Reply csv = msp.get("/api/audit.csv?kind=login.failed");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("id,time,kind,actor,site,customer,outcome,summary,source,details\r\n");
        assertThat(csv.body())
                .contains(",'=1+2,", ",'+SUM(1),", ",'-3,", ",'@cmd,", ",\"a,\"\"b\"\"\",")
                .doesNotContain(",=1+2", ",+SUM", ",@cmd");
        for (String line : csv.body().split("\r\n")) {
            assertThat(line).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
        }
        assertThat(csv.body().split("\r\n")).hasSize(1 + count(msp, "kind=login.failed"));
    }

    @Test
    void customersUsers_seeOnlyTheirCustomer_viewersOnlySites() {
        List<JsonNode> aliceSees = entries(alice, "limit=1000");
        assertThat(aliceSees).isNotEmpty().allMatch(e -> e.get("site").asText().equals("a-one"));
        List<JsonNode> opSees = entries(alphaOp, "limit=1000");
        assertThat(opSees).allMatch(e -> "Alpha".equals(e.get("customer").asText()));
        assertThat(opSees)
                .extracting(e -> e.get("kind").asText() + " " + e.get("actor").asText())
                .contains("login.failed alice", "password.changed alice", "action.executed agent:a-one")
                .noneMatch(s -> s.endsWith(" bob") || s.endsWith(" admin") && s.startsWith("login."));
        for (ApiClient alphaUser : List.of(alice, alphaOp)) {
            assertThat(alphaUser.get("/api/audit?limit=1000").body()).doesNotContain("b-one", "Beta", "bob", "oncall");
            assertThat(alphaUser.get("/api/audit.csv").body()).doesNotContain("b-one", "Beta", "bob");
            ApiClient.Reply hidden = alphaUser.get("/api/audit?site=b-one");
            ApiClient.Reply unknown = alphaUser.get("/api/audit?site=no-such-site");
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.body()).isEqualTo(unknown.body().replace("no-such-site", "b-one"));
            assertThat(alphaUser.get("/api/audit.csv?site=b-one").status()).isEqualTo(404);
        }
        assertThat(entries(bob, "limit=1000")).noneMatch(e -> e.toString().contains("Alpha"));
        assertThat(entries(msp, "site=b-one")).isNotEmpty();
    }

    @Test
    void noLine_containsAPasswordTokenOrChannelSecret() {
        String json = msp.get("/api/audit?limit=1000").body();
        String csv = msp.get("/api/audit.csv").body();
        assertThat(entries(msp, "limit=1000")).hasSizeGreaterThan(15);
        for (String secret : secrets) {
            assertThat(json).doesNotContain(secret);
            assertThat(csv).doesNotContain(secret);
        }
    }

    @Test
    void noRoute_changesTheLog() {
        int before = count(msp, "limit=1000");
        String id = entries(msp, "limit=1").get(0).get("id").asText();
        assertThat(msp.delete("/api/audit").status()).isEqualTo(404);
        assertThat(msp.delete("/api/audit/" + id).status()).isEqualTo(404);
        assertThat(msp.put("/api/audit/" + id, "{\"summary\":\"x\"}").status()).isEqualTo(404);
        assertThat(msp.post("/api/audit", "{\"kind\":\"forged\"}").status()).isEqualTo(404);
        assertThat(count(msp, "limit=1000")).isEqualTo(before);
        assertThat(count(msp, "kind=forged")).isZero();
    }

    @Test
    void metrics_countWrittenLines() {
        String metrics = msp.get("/metrics").body();
        assertThat(metrics).contains("vigil_audit_written_total", "vigil_audit_queued");
        assertThat(collector.app().counters().get("vigil_audit_written_total")).isGreaterThan(15);
        assertThat(collector.app().counters().get("vigil_audit_failed_total")).isZero();
    }

    private static void assertOne(String query, String actor, String site, String outcome) {
        JsonNode e = one(query);
        assertThat(e.get("actor").asText()).as(query).isEqualTo(actor);
        assertThat(e.get("site").isNull() ? null : e.get("site").asText())
                .as(query)
                .isEqualTo(site);
        assertThat(e.get("outcome").asText()).as(query).isEqualTo(outcome);
    }

    private static JsonNode one(String query) {
        List<JsonNode> found = await().atMost(WAIT).until(() -> entries(msp, query), l -> !l.isEmpty());
        assertThat(found).as(query).hasSize(1);
        return found.get(0);
    }

    private static int count(ApiClient client, String query) {
        return entries(client, query).size();
    }

    private static List<JsonNode> entries(ApiClient client, String query) {
        ApiClient.Reply r = client.get("/api/audit?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("entries").forEach(out::add);
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sitePassword(String site, String customer) {
        ApiClient.Reply r = msp.post("/api/sites", "{\"site\":\"" + site + "\",\"customer\":\"" + customer + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("password").asText();
    }

    private static void createUser(String name, String role, String customer) {
        ApiClient.Reply r = msp.post(
                "/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role
                        + "\",\"customer\":\"" + customer + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String openAlert(String site) {
        for (JsonNode a : msp.get("/api/alerts?state=open").json().get("alerts")) {
            if (a.get("site").asText().equals(site)) {
                return a.get("id").asText();
            }
        }
        return null;
    }
}
