package dev.vigil.collector.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandKeys;
import dev.vigil.protocol.CommandSignatures;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commands through the real collector (embedded MQTT endpoint, H2): a Paho client plays each site's agent. Two
 * customers, Alpha (site a-one) and Beta (site b-one), an MSP operator and viewer, and Alpha's operator.
 */
class CommandsApiTest {
    private static final String PASSWORD = "a-long-password";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningCollector collector;
    private static ApiClient msp;
    private static ApiClient operator;
    private static ApiClient viewer;
    private static ApiClient alphaOperator;
    private static AgentDouble agentA;
    private static AgentDouble agentB;
    private static AgentDouble agentC;
    private static final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector();
        msp = collector.admin();
        assertThat(msp.post("/api/customers", "{\"name\":\"Alpha\"}").status()).isEqualTo(201);
        assertThat(msp.post("/api/customers", "{\"name\":\"Beta\"}").status()).isEqualTo(201);
        String passA = sitePassword("a-one", "Alpha");
        String passB = sitePassword("b-one", "Beta");
        ApiClient.Reply c = msp.post("/api/sites", "{\"site\":\"c-one\"}");
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        collector.addUser("op", Role.OPERATOR, PASSWORD);
        collector.addUser("watcher", Role.VIEWER, PASSWORD);
        ApiClient.Reply user = msp.post(
                "/api/users",
                "{\"username\":\"alpha-op\",\"password\":\"" + PASSWORD
                        + "\",\"role\":\"operator\",\"customer\":\"Alpha\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        operator = new ApiClient(collector.httpPort()).login("op", PASSWORD);
        viewer = new ApiClient(collector.httpPort()).login("watcher", PASSWORD);
        alphaOperator = new ApiClient(collector.httpPort()).login("alpha-op", PASSWORD);
        agentA = new AgentDouble("a-one", collector.connect("agent-a", "a-one", passA));
        agentB = new AgentDouble("b-one", collector.connect("agent-b", "b-one", passB));
        agentC = new AgentDouble(
                "c-one",
                collector.connect("agent-c", "c-one", c.json().get("password").asText()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentDouble a : new AgentDouble[] {agentA, agentB, agentC}) {
            if (a != null) {
                a.close();
            }
        }
        if (collector != null) {
            collector.close();
        }
    }

    private static String sitePassword(String site, String customer) {
        ApiClient.Reply r = msp.post("/api/sites", "{\"site\":\"" + site + "\",\"customer\":\"" + customer + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("password").asText();
    }

    private static ApiClient.Reply keep(ApiClient.Reply r) {
        synchronized (answers) {
            answers.add(r.body());
        }
        return r;
    }

    @Test
    void drill_reachesTheAgentSigned_verifiesWithTheApiKey_andTheAgentsEventsSettleIt() throws Exception {
        PublicKey key = CommandKeys.parsePublicKey(
                keep(operator.get("/api/command-key")).json().get("public_key").asText());

        ApiClient.Reply sent = keep(
                operator.post("/api/sites/a-one/commands", "{\"action\":\"failover_drill\",\"args\":{\"hold_s\":5}}"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        JsonNode view = sent.json();
        String id = view.get("id").asText();
        assertThat(view.get("status").asText()).isEqualTo("sent");
        assertThat(view.get("url").asText()).isEqualTo("/api/commands/" + id);
        assertThat(view.get("issuer").asText()).isEqualTo("op");
        assertThat(view.has("sig")).isFalse();

        MqttMessage message = agentA.messageOf(id);
        assertThat(message.getQos()).isEqualTo(1);
        assertThat(message.isRetained()).isFalse();
        Command command = AgentDouble.decode(message);
        assertThat(command.id()).isEqualTo(id);
        assertThat(command.site()).isEqualTo("a-one");
        assertThat(command.action()).isEqualTo("failover_drill");
        assertThat(command.args().get("hold_s").asInt()).isEqualTo(5);
        assertThat(Duration.between(command.issuedAt(), command.expiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(CommandSignatures.verifies(command, key)).isTrue();
        Command tampered = new Command(
                command.v(),
                command.id(),
                command.site(),
                command.issuedAt(),
                command.expiresAt(),
                command.issuer(),
                command.action(),
                Json.object().put("hold_s", 600),
                command.sig());
        assertThat(CommandSignatures.verifies(tampered, key)).isFalse();

        agentA.answer(
                "drill.completed",
                Json.object()
                        .put("command_id", id)
                        .put("passed", true)
                        .put("takeover_ms", 3900)
                        .put("from_router", "router-a")
                        .put("to_router", "router-b"));
        agentA.answer(
                "command.completed",
                Json.object()
                        .put("command_id", id)
                        .put("action", "failover_drill")
                        .put("issuer", "op")
                        .set("result", Json.object().put("takeover_ms", 3900)));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> operator.get("/api/commands/" + id)
                                .json()
                                .get("status")
                                .asText(),
                        "completed"::equals);
        // a late or repeated answer does not change a settled command
        agentA.answer(
                "command.failed",
                Json.object().put("command_id", id).put("reason", "busy").put("detail", "late"));
        String marker = sendProbe(operator, "a-one");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> viewer.get("/api/commands/" + marker).status() == 200);
        agentA.answer("command.completed", Json.object().put("command_id", marker));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> viewer.get("/api/commands/" + marker)
                                .json()
                                .get("status")
                                .asText(),
                        "completed"::equals);
        JsonNode settled = keep(viewer.get("/api/commands/" + id)).json();
        assertThat(settled.get("status").asText()).isEqualTo("completed");
        assertThat(settled.get("drill").get("takeover_ms").asInt()).isEqualTo(3900);

        JsonNode list = keep(viewer.get("/api/sites/a-one/commands")).json();
        assertThat(list.get("commands").get(0).get("id").asText()).isEqualTo(marker);
        assertThat(list.get("last_drill").get("takeover_ms").asInt()).isEqualTo(3900);
        assertThat(list.get("last_drill").get("passed").asBoolean()).isTrue();
        assertThat(list.get("last_drill").get("command_id").asText()).isEqualTo(id);
    }

    @Test
    void rejectedAndFailed_carryTheAgentsReason() throws Exception {
        String rejected = sendProbe(operator, "a-one");
        String failed = sendProbe(operator, "a-one");
        agentA.answer(
                "command.rejected",
                Json.object()
                        .put("command_id", rejected)
                        .put("reason", "bad_signature")
                        .put("detail", "no key"));
        agentA.answer(
                "command.failed",
                Json.object()
                        .put("command_id", failed)
                        .put("reason", "router_unreachable")
                        .put("detail", "timeout"));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> operator.get("/api/commands/" + failed)
                                .json()
                                .get("status")
                                .asText(),
                        "failed"::equals);
        JsonNode r = operator.get("/api/commands/" + rejected).json();
        assertThat(r.get("status").asText()).isEqualTo("rejected");
        assertThat(r.get("reason").asText()).isEqualTo("bad_signature");
        assertThat(operator.get("/api/commands/" + failed).json().get("reason").asText())
                .isEqualTo("router_unreachable");
    }

    @Test
    void anotherSitesAgent_cannotAnswerACommand() throws Exception {
        String id = sendProbe(operator, "a-one");
        agentB.answer("command.completed", Json.object().put("command_id", id));
        String own = sendProbe(operator, "b-one");
        agentB.answer("command.completed", Json.object().put("command_id", own));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> operator.get("/api/commands/" + own)
                                .json()
                                .get("status")
                                .asText(),
                        "completed"::equals);
        assertThat(operator.get("/api/commands/" + id).json().get("status").asText())
                .isEqualTo("sent");
    }

    @Test
    void roles_andCustomerScope_andTokens() throws Exception {
        assertThat(viewer.post("/api/sites/a-one/commands", "{\"action\":\"probe_now\"}")
                        .status())
                .isEqualTo(403);
        assertThat(viewer.get("/api/command-key").status()).isEqualTo(403);
        assertThat(viewer.get("/api/sites/a-one/commands").status()).isEqualTo(200);

        ApiClient.Reply hidden = alphaOperator.post("/api/sites/b-one/commands", "{\"action\":\"probe_now\"}");
        ApiClient.Reply missing = alphaOperator.post("/api/sites/nowhere/commands", "{\"action\":\"probe_now\"}");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body().replace("nowhere", "b-one"));
        assertThat(alphaOperator.get("/api/sites/b-one/commands").status()).isEqualTo(404);
        String betaCommand = sendProbe(operator, "b-one");
        assertThat(alphaOperator.get("/api/commands/" + betaCommand).body())
                .isEqualTo("{\"error\":\"no command with id " + betaCommand + "\"}");
        String own = sendProbe(alphaOperator, "a-one");
        assertThat(alphaOperator
                        .get("/api/commands/" + own)
                        .json()
                        .get("issuer")
                        .asText())
                .isEqualTo("alpha-op");
        assertThat(alphaOperator.get("/api/command-key").status()).isEqualTo(200);

        String opToken = token(alphaOperator, "{\"name\":\"alpha-script\"}");
        HttpResponse<String> viaToken =
                bearer(opToken, "POST", "/api/sites/a-one/commands", "{\"action\":\"refresh_state\"}");
        assertThat(viaToken.statusCode()).as(viaToken.body()).isEqualTo(202);
        assertThat(WireCodec.readTree(viaToken.body()).get("issuer").asText()).isEqualTo("token:alpha-script");
        assertThat(bearer(opToken, "POST", "/api/sites/b-one/commands", "{\"action\":\"refresh_state\"}")
                        .statusCode())
                .isEqualTo(404);
        String viewerToken = token(alphaOperator, "{\"name\":\"alpha-read\",\"role\":\"viewer\"}");
        assertThat(bearer(viewerToken, "POST", "/api/sites/a-one/commands", "{\"action\":\"refresh_state\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void badInput_getsAClear400_andNothingIsPublished() throws Exception {
        assertThat(bad("{\"action\":\"self_destruct\"}")).contains("unknown action 'self_destruct'");
        assertThat(bad("{\"action\":\"" + "z".repeat(3000) + "\"}")).hasSizeLessThan(200);
        assertThat(bad("{\"action\":\"failover_drill\"}")).contains("hold_s");
        assertThat(bad("{\"action\":\"failover_drill\",\"args\":{\"hold_s\":\"ten\"}}"))
                .contains("hold_s");
        assertThat(bad("{\"action\":\"failover_drill\",\"args\":{\"hold_s\":601}}"))
                .contains("1 to 600");
        assertThat(bad("{\"action\":\"pause_repairs\",\"args\":{\"until\":\"tomorrow\"}}"))
                .contains("RFC 3339");
        assertThat(bad("{\"action\":\"pause_repairs\",\"args\":{\"until\":\"2001-01-01T00:00:00Z\"}}"))
                .contains("future");
        assertThat(bad("{\"action\":\"probe_now\",\"args\":{\"all\":true}}")).contains("probe_now takes no args");
        assertThat(bad("{\"action\":\"backup_config\",\"args\":{\"router\":7}}"))
                .contains("args.router");
        assertThat(bad("{\"action\":\"probe_now\",\"args\":[1]}")).contains("args must be a JSON object");
        assertThat(bad("{\"action\":\"probe_now\",\"expires_in_s\":1}")).contains("expires_in_s");
        assertThat(bad("{\"action\":probe_now}")).contains("send {\"action\"");
        assertThat(bad("[]")).contains("send {\"action\"");
        assertThat(bad("")).contains("send {\"action\"");
        assertThat(bad("{\"action\":\"failover_drill\",\"args\":{\"hold_s\":5,\"note\":\"" + "x".repeat(5000) + "\"}}"))
                .contains("args are too large");
        ApiClient.Reply huge = operator.post(
                "/api/sites/c-one/commands",
                "{\"action\":\"probe_now\",\"args\":{\"x\":\"" + "x".repeat(70_000) + "\"}}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("error").asText()).isEqualTo("request body too large");

        assertThat(operator.get("/api/sites/c-one/commands").json().get("commands"))
                .isEmpty();
        String good = sendProbe(operator, "c-one");
        assertThat(agentC.nextCommand().id())
                .as("the first command after the bad ones")
                .isEqualTo(good);
    }

    @Test
    void privateKey_isOwnerOnly_andNeverInAnyAnswer() throws Exception {
        Path file = collector.dataDir().resolve("command-key.pem");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        String publicText =
                operator.get("/api/command-key").json().get("public_key").asText();
        assertThat(Files.readString(collector.dataDir().resolve("command-key.pub"))
                        .trim())
                .isEqualTo(publicText);
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        sendProbe(operator, "a-one");
        keep(operator.get("/api/sites/a-one/commands?limit=200"));
        keep(msp.get("/api/command-key"));
        synchronized (answers) {
            assertThat(answers).isNotEmpty().noneMatch(a -> a.contains(body) || a.contains(body.substring(16, 48)));
        }
    }

    private static String bad(String body) {
        ApiClient.Reply r = operator.post("/api/sites/c-one/commands", body);
        assertThat(r.status())
                .as(body.length() > 200 ? body.substring(0, 200) : body)
                .isEqualTo(400);
        return r.json().get("error").asText();
    }

    static String sendProbe(ApiClient client, String site) {
        ApiClient.Reply r = keep(client.post("/api/sites/" + site + "/commands", "{\"action\":\"probe_now\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("id").asText();
    }

    private static String token(ApiClient client, String body) {
        ApiClient.Reply r = client.post("/api/tokens", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    private static HttpResponse<String> bearer(String token, String method, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
