package dev.vigil.collector.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.SteppingClock;
import dev.vigil.protocol.ConfigExport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Configuration history through the real collector (H2): a Paho client publishes {@code config.exported} events as
 * the agent does, and the API shows what was stored. Two customers, Alpha and Beta, for the scoping rules.
 */
class ConfigHistoryTest {
    static final String NAT_RULE = "add action=dst-nat chain=dstnat dst-port=443 protocol=tcp to-addresses=192.0.2.10";
    static final String NAT_RULE_CHANGED =
            "add action=dst-nat chain=dstnat dst-port=443 protocol=tcp to-addresses=192.0.2.11";
    private static final String PASSWORD = "a-long-password";
    private static final String SITE = "alpha-hq";

    private static SteppingClock clock;
    private static RunningCollector collector;
    private static ApiClient admin;
    private static MqttClient mqtt;
    private static ConfigAgent agent;
    private static Instant t0;

    static String config(String natRule) {
        return String.join(
                "\n",
                "# RouterOS 7.16 normalised export",
                "/interface bridge",
                "add name=bridge-lan",
                "/ip address",
                "add address=192.0.2.1/24 interface=bridge-lan",
                "/ip firewall nat",
                "add action=masquerade chain=srcnat out-interface=ether1",
                natRule,
                "/ip service",
                "set telnet disabled=yes",
                "/system identity",
                "set name=router-a",
                "");
    }

    @BeforeAll
    static void start() throws Exception {
        clock = new SteppingClock(Instant.now());
        collector = new RunningCollector(c -> c.withConfigRetention(new ConfigRetention(3, Duration.ZERO)), clock);
        admin = collector.admin();
        assertThat(admin.post("/api/customers", "{\"name\":\"Alpha\"}").status())
                .isEqualTo(201);
        assertThat(admin.post("/api/customers", "{\"name\":\"Beta\"}").status()).isEqualTo(201);
        String password = admin.post("/api/sites", "{\"site\":\"" + SITE + "\",\"customer\":\"Alpha\"}")
                .json()
                .get("password")
                .asText();
        assertThat(admin.post("/api/sites", "{\"site\":\"beta-hq\",\"customer\":\"Beta\"}")
                        .status())
                .isEqualTo(201);
        createUser("alpha-op", "operator", "Alpha");
        createUser("alpha-viewer", "viewer", "Alpha");
        createUser("beta-op", "operator", "Beta");
        createUser("noc-viewer", "viewer", null);
        createUser("noc-op", "operator", null);
        mqtt = collector.connect("config-agent", SITE, password);
        agent = new ConfigAgent(mqtt, SITE);
        t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(6));
    }

    @AfterAll
    static void stop() throws Exception {
        mqtt.disconnect();
        collector.close();
    }

    @Test
    void sameTextTwice_isOneVersionWhoseLastConfirmationMoves() throws Exception {
        agent.export("r-same", config(NAT_RULE), t0);
        JsonNode first = awaitVersions("r-same", 1).get(0);
        assertThat(first.get("created_at").asText()).isEqualTo(t0.toString());
        Instant later = t0.plus(Duration.ofHours(1));
        agent.export("r-same", config(NAT_RULE), later);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> versions("r-same").get(0).get("last_confirmed_at").asText(), later.toString()::equals);
        JsonNode versions = versions("r-same");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(versions.get(0).get("created_at").asText()).isEqualTo(t0.toString());
        assertThat(versions.get(0).get("sha256").asText())
                .isEqualTo(ConfigExport.sha256(config(NAT_RULE).getBytes(StandardCharsets.UTF_8)));
        assertThat(counter("unchanged")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void changedNatRule_isASecondVersionWhoseDiffIsExactlyThatLine() throws Exception {
        agent.export("r-nat", config(NAT_RULE), t0);
        awaitVersions("r-nat", 1);
        agent.export("r-nat", config(NAT_RULE_CHANGED), t0.plus(Duration.ofHours(1)));
        JsonNode versions = awaitVersions("r-nat", 2);
        assertThat(versions.get(0).get("id").asInt()).isEqualTo(2); // newest first
        assertThat(versions.get(1).get("id").asInt()).isEqualTo(1);

        HttpResponse<String> text = raw("/api/sites/" + SITE + "/configs/r-nat/2");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(text.body()).isEqualTo(config(NAT_RULE_CHANGED));

        HttpResponse<String> diff = raw("/api/sites/" + SITE + "/configs/r-nat/diff?from=1&to=2");
        assertThat(diff.statusCode()).isEqualTo(200);
        assertThat(diff.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        List<String> lines = diff.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("--- r-nat version 1");
        assertThat(lines.get(1)).isEqualTo("+++ r-nat version 2");
        assertThat(lines.subList(2, lines.size()).stream()
                        .filter(l -> l.startsWith("+") || l.startsWith("-"))
                        .toList())
                .containsExactly("-" + NAT_RULE, "+" + NAT_RULE_CHANGED);

        JsonNode json = admin.get("/api/sites/" + SITE + "/configs/r-nat/diff?from=1&to=2&format=json")
                .json();
        assertThat(json.get("added").asInt()).isEqualTo(1);
        assertThat(json.get("removed").asInt()).isEqualTo(1);
        List<String> changed = new ArrayList<>();
        for (JsonNode hunk : json.get("hunks")) {
            for (JsonNode line : hunk.get("lines")) {
                if (!" ".equals(line.get("op").asText())) {
                    changed.add(line.get("op").asText() + line.get("text").asText());
                }
            }
        }
        assertThat(changed).containsExactly("-" + NAT_RULE, "+" + NAT_RULE_CHANGED);
        assertThat(raw("/api/sites/" + SITE + "/configs/r-nat/diff?from=2&to=2").body())
                .isEmpty();

        JsonNode routers = admin.get("/api/sites/" + SITE + "/configs").json().get("routers");
        JsonNode nat = StreamSupport.stream(routers.spliterator(), false)
                .filter(r -> r.get("router").asText().equals("r-nat"))
                .findFirst()
                .orElseThrow();
        assertThat(nat.get("versions").asInt()).isEqualTo(2);
        assertThat(nat.get("latest").get("id").asInt()).isEqualTo(2);
    }

    @Test
    void partsOutOfOrderAndDuplicated_areStoredOnceAsTheText() throws Exception {
        String text = ConfigAgent.bulky(4000);
        String exportId = agent.newExportId();
        List<byte[]> parts = agent.events("r-big", exportId, text, t0);
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
        List<byte[]> again = agent.events("r-big", exportId, text, t0); // the same parts under new event ids
        long before = counter("new_version");
        agent.publish(parts.get(2));
        agent.publish(parts.get(0));
        agent.publish(parts.get(2)); // the same event again: de-duplicated by id
        agent.publish(again.get(2)); // the same part again under a new id
        for (int i = parts.size() - 1; i >= 1; i--) {
            agent.publish(parts.get(i));
        }
        for (byte[] part : again) {
            agent.publish(part);
        }

        JsonNode versions = awaitVersions("r-big", 1);
        assertThat(versions.get(0).get("bytes").asInt()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(raw("/api/sites/" + SITE + "/configs/r-big/1").body()).isEqualTo(text);
        sync();
        assertThat(versions("r-big")).hasSize(1);
        assertThat(counter("new_version") - before).isEqualTo(2); // r-big and the marker of sync()
    }

    @Test
    void missingPart_isNeverStoredAndTheExportIsDroppedAfterTenMinutes() throws Exception {
        String exportId = agent.newExportId();
        List<byte[]> parts = agent.events("r-missing", exportId, ConfigAgent.bulky(4000), t0);
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
        long dropped = counter("incomplete");
        for (int i = 0; i < parts.size(); i++) {
            if (i != 1) {
                agent.publish(parts.get(i));
            }
        }
        sync();
        assertThat(versions("r-missing")).isNull();
        clock.advance(ConfigIngest.INCOMPLETE_AFTER.plusMinutes(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> counter("incomplete") == dropped + 1);
        assertThat(versions("r-missing")).isNull();
    }

    @Test
    void tamperedSha_orChunksThatAreNotGzip_storeNothing() throws Exception {
        long rejected = counter("rejected");
        List<ObjectNode> tampered = ConfigExport.parts("r-tampered", agent.newExportId(), config(NAT_RULE));
        tampered.forEach(p -> p.put("sha256", ConfigExport.sha256("something else".getBytes(StandardCharsets.UTF_8))));
        for (byte[] e :
                agent.events("r-tampered", tampered.get(0).get("export_id").asText(), tampered, t0)) {
            agent.publish(e);
        }
        List<ObjectNode> plain = ConfigExport.parts("r-plain", agent.newExportId(), config(NAT_RULE));
        plain.forEach(p -> p.put(
                "chunk", Base64.getEncoder().encodeToString(config(NAT_RULE).getBytes(StandardCharsets.UTF_8))));
        for (byte[] e : agent.events("r-plain", plain.get(0).get("export_id").asText(), plain, t0)) {
            agent.publish(e);
        }
        sync();
        assertThat(counter("rejected")).isEqualTo(rejected + 2);
        assertThat(versions("r-tampered")).isNull();
        assertThat(versions("r-plain")).isNull();
    }

    @Test
    void redeliveredExport_changesNothing() throws Exception {
        String first = agent.newExportId();
        List<byte[]> old = agent.events("r-redeliver", first, config(NAT_RULE), t0);
        for (byte[] e : old) {
            agent.publish(e);
        }
        awaitVersions("r-redeliver", 1);
        agent.export("r-redeliver", config(NAT_RULE_CHANGED), t0.plus(Duration.ofHours(1)));
        awaitVersions("r-redeliver", 2);
        // the first export's parts again, as an agent replaying its outbox after a crash: same export id, new events
        for (byte[] e : agent.events("r-redeliver", first, config(NAT_RULE), t0.plus(Duration.ofHours(2)))) {
            agent.publish(e);
        }
        for (byte[] e : old) {
            agent.publish(e);
        }
        sync();
        JsonNode versions = versions("r-redeliver");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("last_confirmed_at").asText())
                .isEqualTo(t0.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void retention_keepsTheNewestThreeVersions() throws Exception {
        for (int i = 1; i <= 5; i++) {
            agent.export("r-kept", config(NAT_RULE.replace("443", String.valueOf(8440 + i))), t0.plusSeconds(i));
            awaitLatest("r-kept", i);
        }
        JsonNode versions = versions("r-kept");
        assertThat(StreamSupport.stream(versions.spliterator(), false)
                        .map(v -> v.get("id").asInt()))
                .containsExactly(5, 4, 3);
        assertThat(admin.get("/api/sites/" + SITE + "/configs/r-kept/2").status())
                .isEqualTo(404);
    }

    @Test
    void scope_operatorsOfTheCustomerAndStaff_viewersRefused_otherCustomersSee404() throws Exception {
        agent.export("r-scope", config(NAT_RULE), t0);
        awaitVersions("r-scope", 1);
        String path = "/api/sites/" + SITE + "/configs/r-scope";
        for (String user : List.of("alpha-op", "noc-op")) {
            ApiClient c = new ApiClient(collector.httpPort()).login(user, PASSWORD);
            assertThat(c.get(path).status()).as(user).isEqualTo(200);
            assertThat(c.get(path + "/1").status()).as(user).isEqualTo(200);
            assertThat(c.get("/api/sites/" + SITE + "/configs").status())
                    .as(user)
                    .isEqualTo(200);
        }
        ApiClient beta = new ApiClient(collector.httpPort()).login("beta-op", PASSWORD);
        for (String p : List.of("/api/sites/" + SITE + "/configs", path, path + "/1", path + "/diff?from=1&to=1")) {
            ApiClient.Reply r = beta.get(p);
            assertThat(r.status()).as(p).isEqualTo(404);
            assertThat(r.body())
                    .as(p)
                    .isEqualTo(
                            beta.get("/api/sites/no-such-site/configs").body().replace("no-such-site", SITE));
        }
        for (String user : List.of("alpha-viewer", "noc-viewer")) {
            ApiClient c = new ApiClient(collector.httpPort()).login(user, PASSWORD);
            assertThat(c.get(path).status()).as(user).isEqualTo(403);
            assertThat(c.get(path + "/1").status()).as(user).isEqualTo(403);
        }
        assertThat(admin.get("/api/sites/beta-hq/configs").json().get("routers"))
                .isEmpty();
    }

    @Test
    void badIds_are400_unknownOnes404() throws Exception {
        agent.export("r-ids", config(NAT_RULE), t0);
        awaitVersions("r-ids", 1);
        String path = "/api/sites/" + SITE + "/configs/r-ids";
        assertThat(admin.get(path + "/latest").status()).isEqualTo(400);
        assertThat(admin.get(path + "/latest").json().get("error").asText())
                .isEqualTo("the version must be a version number such as 3, not 'latest'");
        assertThat(admin.get(path + "/0").status()).isEqualTo(400);
        assertThat(admin.get(path + "/diff?from=1").json().get("error").asText())
                .isEqualTo("to is missing: give a version number such as 3");
        assertThat(admin.get(path + "/diff?from=x&to=1").status()).isEqualTo(400);
        assertThat(admin.get(path + "/diff?from=1&to=1&format=xml").status()).isEqualTo(400);
        assertThat(admin.get(path + "/7").status()).isEqualTo(404);
        assertThat(admin.get(path + "/diff?from=1&to=7").json().get("error").asText())
                .isEqualTo("no configuration version 7 for router r-ids of site " + SITE);
        assertThat(admin.get("/api/sites/" + SITE + "/configs/r-none").status()).isEqualTo(404);
        assertThat(admin.get("/api/sites/no-such-site/configs").status()).isEqualTo(404);
    }

    /** Waits until every config export published so far has been handled (the worker handles them in order). */
    private static void sync() throws Exception {
        String router = "r-marker";
        JsonNode versions = versions(router);
        int next = versions == null ? 1 : versions.get(0).get("id").asInt() + 1;
        agent.export(router, "# marker " + next + "\n", t0.plusSeconds(next));
        awaitLatest(router, next);
    }

    private static JsonNode awaitVersions(String router, int count) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> versions(router), v -> v != null && v.size() == count);
    }

    private static void awaitLatest(String router, int id) {
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> versions(router),
                        v -> v != null && v.get(0).get("id").asInt() == id);
    }

    /** The router's versions, newest first; null when the API answers 404. */
    private static JsonNode versions(String router) {
        ApiClient.Reply r = admin.get("/api/sites/" + SITE + "/configs/" + router);
        if (r.status() == 404) {
            return null;
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("versions");
    }

    private static long counter(String outcome) {
        return collector.app().counters().get(Counters.label(ConfigIngest.COUNTER, "outcome", outcome));
    }

    private static HttpResponse<String> raw(String path) throws Exception {
        return admin.http()
                .send(
                        HttpRequest.newBuilder(URI.create(admin.base() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void createUser(String name, String role, String customer) {
        ApiClient.Reply r = admin.post(
                "/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\""
                        + (customer == null ? "" : ",\"customer\":\"" + customer + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
