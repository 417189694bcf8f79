package dev.vigil.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP API of docs/api.md against a running collector fed by a real MQTT client. */
class HttpApiTest {
    private static final String NASTY = "%' OR '1'='1'; DROP TABLE sites; --";
    private static RunningCollector collector;
    private static ApiClient admin;
    private static ApiClient viewer;
    private static ApiClient operator;
    private static MqttClient agent;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector();
        collector.addUser("vera", Role.VIEWER, "viewer-password");
        collector.addUser("otto", Role.OPERATOR, "operator-password");
        admin = collector.admin();
        viewer = new ApiClient(collector.httpPort()).login("vera", "viewer-password");
        operator = new ApiClient(collector.httpPort()).login("otto", "operator-password");
        JsonNode created = admin.post(
                        "/api/sites", "{\"site\":\"acme-hq\",\"tags\":[\"acme\",\"" + NASTY.replace("'", "'") + "\"]}")
                .json();
        agent = collector.connect(
                "acme-agent", "acme-hq", created.get("password").asText());
        agent.publish("vigil/v1/sites/acme-hq/status", Payloads.status("acme-hq", SiteStatus.ONLINE), 1, true);
        agent.publish("vigil/v1/sites/acme-hq/state", Payloads.state("acme-hq", "192.0.2.11"), 1, true);
    }

    @AfterAll
    static void stop() throws Exception {
        agent.disconnect();
        collector.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/me",
                "/api/sites",
                "/api/sites/acme-hq",
                "/api/sites/acme-hq/events",
                "/api/sites/acme-hq/metrics",
                "/api/alerts",
                "/api/stream"
            })
    void get_withoutSession_is401WithReason(String path) {
        ApiClient.Reply r = new ApiClient(collector.httpPort()).get(path);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("not logged in");
    }

    @Test
    void post_withoutSession_is401() {
        ApiClient anonymous = new ApiClient(collector.httpPort());
        assertThat(anonymous.post("/api/sites", "{\"site\":\"x\"}").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/alerts/x/ack", "").status()).isEqualTo(401);
    }

    @Test
    void login_wrongPassword_is401AndSqlInUserNameChangesNothing() {
        ApiClient c = new ApiClient(collector.httpPort());
        assertThat(c.post("/api/login", "{\"username\":\"admin\",\"password\":\"nope\"}")
                        .status())
                .isEqualTo(401);
        assertThat(c.post("/api/login", "{\"username\":\"" + "admin' --" + "\",\"password\":\"x\"}")
                        .status())
                .isEqualTo(401);
        assertThat(c.post("/api/login", "not json").status()).isEqualTo(400);
    }

    @Test
    void me_afterLogin_namesUserAndRole() {
        assertThat(viewer.get("/api/me").json().toString()).isEqualTo("{\"username\":\"vera\",\"role\":\"viewer\"}");
    }

    @Test
    void logout_endsTheSession() {
        ApiClient c = new ApiClient(collector.httpPort()).login("vera", "viewer-password");
        assertThat(c.post("/api/logout", "").status()).isEqualTo(204);
        assertThat(c.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void createSite_rolesAndConflicts() {
        assertThat(viewer.post("/api/sites", "{\"site\":\"v-site\"}").status()).isEqualTo(403);
        assertThat(operator.post("/api/sites", "{\"site\":\"o-site\"}").status())
                .isEqualTo(403);
        ApiClient.Reply created = admin.post("/api/sites", "{\"site\":\"new-site\",\"tags\":[\"t\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("username").asText()).isEqualTo("new-site");
        assertThat(created.json().get("password").asText()).hasSizeGreaterThan(20);
        assertThat(admin.post("/api/sites", "{\"site\":\"new-site\"}").status()).isEqualTo(409);
        ApiClient.Reply bad = admin.post("/api/sites", "{\"site\":\"" + "bad site/#" + "\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("must match");
    }

    @Test
    void sites_listAndDetail_followTheState() {
        JsonNode list = viewer.get("/api/sites?tag=acme").json().get("sites");
        assertThat(list).hasSize(1);
        JsonNode acme = list.get(0);
        assertThat(acme.get("site").asText()).isEqualTo("acme-hq");
        assertThat(acme.get("online").asBoolean()).isTrue();
        assertThat(acme.get("master").asText()).isEqualTo("192.0.2.11");
        assertThat(acme.get("tags")).hasSize(2);
        assertThat(acme.get("tags").get(1).asText()).isEqualTo(NASTY);
        JsonNode detail = viewer.get("/api/sites/acme-hq").json();
        assertThat(detail.get("routers").get(0).get("name").asText()).isEqualTo("router-a");
        assertThat(detail.get("vrrp").get(0).get("addresses").get(0).asText()).isEqualTo("192.0.2.1");
        assertThat(detail.get("wans").get(0).has("jitter_ms")).isTrue();
        assertThat(viewer.get("/api/sites/nowhere").status()).isEqualTo(404);
        assertThat(viewer.get("/api/sites?q="
                                + java.net.URLEncoder.encode(NASTY, java.nio.charset.StandardCharsets.UTF_8))
                        .json()
                        .get("sites"))
                .hasSize(1);
        assertThat(viewer.get("/api/sites?status=bogus").status()).isEqualTo(400);
    }

    @Test
    void failover_toTheBackup_makesTheSiteFailedOverAndOpensAnAlert() throws Exception {
        String password = collector.addSite("fo-site");
        MqttClient fo = collector.connect("fo-agent", "fo-site", password);
        fo.publish("vigil/v1/sites/fo-site/state", Payloads.state("fo-site", "192.0.2.11"), 1, true);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(viewer.get("/api/sites/fo-site")
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("ok"));
        var changed = Payloads.event(
                "fo-site",
                "vrrp.master_changed",
                Severity.WARNING,
                "vrrp/eth0/IPv4/10",
                Json.object()
                        .put("master", "192.0.2.12")
                        .put("previous", "192.0.2.11")
                        .put("cause", "silence"));
        fo.publish("vigil/v1/sites/fo-site/events", Payloads.bytes(changed), 1, false);
        fo.publish("vigil/v1/sites/fo-site/state", Payloads.state("fo-site", "192.0.2.12"), 1, true);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(viewer.get("/api/sites/fo-site")
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("failed_over"));
        assertThat(viewer.get("/api/alerts?state=open&site=fo-site")
                        .json()
                        .get("alerts")
                        .toString())
                .contains("\"rule\":\"failover\"");
        var back = Payloads.event(
                "fo-site",
                "vrrp.master_changed",
                Severity.WARNING,
                "vrrp/eth0/IPv4/10",
                Json.object()
                        .put("master", "192.0.2.11")
                        .put("previous", "192.0.2.12")
                        .put("cause", "preemption"));
        fo.publish("vigil/v1/sites/fo-site/events", Payloads.bytes(back), 1, false);
        fo.publish("vigil/v1/sites/fo-site/state", Payloads.state("fo-site", "192.0.2.11"), 1, true);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(viewer.get("/api/sites/fo-site")
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("ok"));
        assertThat(viewer.get("/api/alerts?state=resolved&site=fo-site")
                        .json()
                        .get("alerts")
                        .toString())
                .contains("\"rule\":\"failover\"");
        fo.disconnect();
    }

    @Test
    void events_pagingTypeFilterAndBadParameters() throws Exception {
        for (int i = 0; i < 3; i++) {
            agent.publish("vigil/v1/sites/acme-hq/events", Payloads.info("acme-hq"), 1, false);
        }
        JsonNode first =
                viewer.get("/api/sites/acme-hq/events?type=agent.*&limit=2").json();
        assertThat(first.get("events")).hasSize(2);
        String next = first.get("next").asText();
        JsonNode second = viewer.get("/api/sites/acme-hq/events?type=agent.*&limit=2&before=" + next)
                .json();
        assertThat(second.get("events").size()).isGreaterThanOrEqualTo(1);
        assertThat(second.get("events").get(0).get("id").asText()).isLessThan(next);
        assertThat(viewer.get("/api/sites/acme-hq/events?from=yesterday").status())
                .isEqualTo(400);
        assertThat(viewer.get("/api/sites/acme-hq/events?limit=0").status()).isEqualTo(400);
        assertThat(viewer.get("/api/sites/acme-hq/events?type=" + "x'--").status())
                .isEqualTo(400);
        assertThat(viewer.get("/api/sites/nowhere/events").status()).isEqualTo(404);
    }

    @Test
    void metrics_samplesComeBackPerWan() throws Exception {
        SiteMetrics m = new SiteMetrics(
                Protocol.SCHEMA_VERSION,
                "acme-hq",
                Instant.now(),
                List.of(new SiteMetrics.WanMetric("wan1", "up", 0.5, 11.0, 15.0, 1.5)),
                List.of());
        agent.publish("vigil/v1/sites/acme-hq/metrics", Payloads.bytes(m), 0, false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode wans =
                    viewer.get("/api/sites/acme-hq/metrics?wan=wan1").json().get("wans");
            assertThat(wans).hasSize(1);
            assertThat(wans.get(0).get("points").get(0).get("rtt_ms").asDouble())
                    .isEqualTo(11.0);
        });
    }

    @Test
    void alerts_ackByRole_andConflictWhenResolved() throws Exception {
        agent.publish("vigil/v1/sites/acme-hq/events", Payloads.wanDown("acme-hq", "wan2"), 1, false);
        String id = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> Stream.of(viewer.get("/api/alerts?state=open&site=acme-hq&severity=critical")
                                        .json()
                                        .get("alerts"))
                                .flatMap(a -> Stream.of(a.elements().next()))
                                .filter(a -> a.get("title").asText().contains("wan2"))
                                .map(a -> a.get("id").asText())
                                .findFirst()
                                .orElse(null),
                        v -> v != null);
        assertThat(viewer.post("/api/alerts/" + id + "/ack", "").status()).isEqualTo(403);
        ApiClient.Reply acked = operator.post("/api/alerts/" + id + "/ack", "");
        assertThat(acked.status()).isEqualTo(200);
        assertThat(acked.json().get("state").asText()).isEqualTo("acknowledged");
        assertThat(acked.json().get("acknowledged_by").asText()).isEqualTo("otto");
        agent.publish("vigil/v1/sites/acme-hq/events", Payloads.wanUp("acme-hq", "wan2"), 1, false);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                operator.post("/api/alerts/" + id + "/ack", "").status())
                        .isEqualTo(409));
        assertThat(operator.post("/api/alerts/01M80NK038N30VNXB7ZAB6FVJV/ack", "")
                        .status())
                .isEqualTo(404);
        assertThat(viewer.get("/api/alerts?state=resolved").json().get("alerts").toString())
                .contains(id);
    }

    @Test
    void stream_sendsEventSiteAndAlertMessages() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(viewer.base() + "/api/stream"))
                .GET()
                .build();
        var pending = viewer.http()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                // async: a response already there would otherwise be read, endlessly, on this thread
                .thenAcceptAsync(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        agent.publish("vigil/v1/sites/acme-hq/events", Payloads.wanDown("acme-hq", "wan-sse"), 1, false);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> lines.contains("event: event")
                        && lines.contains("event: site")
                        && lines.contains("event: alert"));
        assertThat(lines).anyMatch(l -> l.startsWith("data: ") && l.contains("wan-sse"));
        pending.cancel(true);
    }

    @Test
    void operations_healthzMetricsAndDashboard_needNoSession() {
        ApiClient anonymous = new ApiClient(collector.httpPort());
        assertThat(anonymous.get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
        ApiClient.Reply metrics = anonymous.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE vigil_ingest_stored_total counter");
        ApiClient.Reply index = anonymous.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<title>Vigil</title>");
        assertThat(anonymous.get("/api/nothing").status()).isEqualTo(401);
        assertThat(admin.get("/api/nothing").status()).isEqualTo(404);
    }
}
