package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.SteppingClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** API tokens: scope and role capped by the creator, shown once, hashed, expiring, revocable; bad tokens refused. */
class ApiTokensTest {
    private static final String PASSWORD = "a-long-password";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SteppingClock clock;
    private static RunningCollector collector;
    private static ApiClient admin;
    private static ApiClient viewer;
    private static ApiClient alpha;

    @BeforeAll
    static void start() {
        clock = new SteppingClock(Instant.now());
        collector = new RunningCollector(c -> c, clock);
        ApiClient admin = collector.admin();
        admin.post("/api/customers", "{\"name\":\"Alpha\"}");
        admin.post("/api/customers", "{\"name\":\"Beta\"}");
        admin.post("/api/sites", "{\"site\":\"a-site\",\"customer\":\"Alpha\"}");
        admin.post("/api/sites", "{\"site\":\"b-site\",\"customer\":\"Beta\"}");
        admin.post(
                "/api/users",
                "{\"username\":\"alpha-admin\",\"password\":\"" + PASSWORD
                        + "\",\"role\":\"admin\",\"customer\":\"Alpha\"}");
        collector.addUser("vera", Role.VIEWER, PASSWORD);
    }

    /** Fresh sessions when needed: a test moves the clock by a day, past the sessions' idle timeout. */
    @BeforeEach
    void login() {
        if (admin != null && admin.get("/api/me").status() == 200) {
            return;
        }
        admin = collector.admin();
        viewer = new ApiClient(collector.httpPort()).login("vera", PASSWORD);
        alpha = new ApiClient(collector.httpPort()).login("alpha-admin", PASSWORD);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void token_viewerRole_readsButCannotChange_andShowsItsLastUse() throws Exception {
        JsonNode made = create(admin, "{\"name\":\"grafana\",\"role\":\"viewer\"}");
        String token = made.get("token").asText();
        assertThat(token).matches("vgt_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}");
        assertThat(made.get("role").asText()).isEqualTo("viewer");
        assertThat(bearer(token, "GET", "/api/sites").statusCode()).isEqualTo(200);
        assertThat(bearer(token, "POST", "/api/sites").statusCode()).isEqualTo(403);
        assertThat(bearer(token, "POST", "/api/alerts/x/ack").statusCode()).isEqualTo(403);
        assertThat(bearer(token, "POST", "/api/tokens").statusCode()).isEqualTo(403);
        assertThat(bearer(token, "POST", "/api/me/password").statusCode()).isEqualTo(403);

        String list = admin.get("/api/tokens").body();
        assertThat(list).contains(made.get("id").asText()).doesNotContain(token);
        JsonNode listed = find(admin, made.get("id").asText());
        assertThat(listed.get("last_used").isNull()).isFalse();
        assertThat(listed.get("state").asText()).isEqualTo("active");
        assertThat(collector.app().stores().tenancy().tokens())
                .allSatisfy(t -> assertThat(t.toString()).doesNotContain(token.substring(17)));
    }

    @Test
    void token_moreThanTheCreatorsRole_is400() {
        ApiClient.Reply r = viewer.post("/api/tokens", "{\"name\":\"x\",\"role\":\"admin\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("a token cannot have more than your own role (viewer)");
        assertThat(create(viewer, "{\"name\":\"mine\"}").get("role").asText()).isEqualTo("viewer");
    }

    @Test
    void token_ofACustomersUser_seesOnlyItsCustomer_andCannotAskForAnother() throws Exception {
        assertThat(alpha.post("/api/tokens", "{\"name\":\"x\",\"customer\":\"Beta\"}")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("a token cannot reach beyond your own customer");
        String token = create(alpha, "{\"name\":\"alpha-script\"}").get("token").asText();
        HttpResponse<String> sites = bearer(token, "GET", "/api/sites");
        assertThat(sites.body()).contains("a-site").doesNotContain("b-site");
        assertThat(bearer(token, "GET", "/api/sites/b-site").statusCode()).isEqualTo(404);
        assertThat(bearer(token, "GET", "/api/sites/a-site").statusCode()).isEqualTo(200);
        assertThat(bearer(token, "GET", "/api/customers").statusCode()).isEqualTo(403);
    }

    @Test
    void token_ofMspAdminScopedToACustomer_seesOnlyThatCustomer() throws Exception {
        String token = create(admin, "{\"name\":\"beta-report\",\"customer\":\"Beta\"}")
                .get("token")
                .asText();
        assertThat(bearer(token, "GET", "/api/sites").body()).contains("b-site").doesNotContain("a-site");
        assertThat(bearer(token, "GET", "/api/sites/a-site").statusCode()).isEqualTo(404);
        assertThat(admin.post("/api/tokens", "{\"name\":\"x\",\"customer\":\"Nobody\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void token_afterItsExpiry_is401NamingTheExpiry() throws Exception {
        JsonNode made = create(admin, "{\"name\":\"short\",\"expires_in_days\":1}");
        String token = made.get("token").asText();
        assertThat(bearer(token, "GET", "/api/me").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofDays(1));
        HttpResponse<String> r = bearer(token, "GET", "/api/me");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body())
                .contains("this API token expired at " + made.get("expires_at").asText());
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        ApiClient again = collector.admin(); // a day later the admin's own session has expired too
        assertThat(find(again, made.get("id").asText()).get("state").asText()).isEqualTo("expired");
    }

    @Test
    void token_revoked_is401_andOnlyItsOwnerOrAnAdminRevokes() throws Exception {
        JsonNode made = create(viewer, "{\"name\":\"to-revoke\"}");
        String id = made.get("id").asText();
        String token = made.get("token").asText();
        assertThat(alpha.delete("/api/tokens/" + id).status())
                .as("another customer's admin")
                .isEqualTo(404);
        assertThat(bearer(token, "DELETE", "/api/tokens/" + id).statusCode()).isEqualTo(403);
        assertThat(viewer.delete("/api/tokens/" + id).status()).isEqualTo(204);
        HttpResponse<String> r = bearer(token, "GET", "/api/me");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("this API token was revoked");
        assertThat(admin.delete("/api/tokens/" + id).status()).isEqualTo(409);
        assertThat(admin.get("/api/auth/events").body())
                .contains("token_revoked")
                .doesNotContain(token);
    }

    @Test
    void mqttConnect_withOwnToken_connects_withSomeoneElsesOrRevoked_isRefused() throws Exception {
        JsonNode made = create(viewer, "{\"name\":\"phone\"}");
        String token = made.get("token").asText();
        var phone = collector.connect("vera-phone", "vera", token);
        assertThat(phone.isConnected()).isTrue();
        phone.disconnect();
        phone.close();
        assertThat(mqttRefusal("alpha-admin", token)).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        viewer.delete("/api/tokens/" + made.get("id").asText());
        assertThat(mqttRefusal("vera", token)).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    private static int mqttRefusal(String user, String password) {
        Throwable t = catchThrowable(
                () -> collector.connect("refused-phone", user, password).close());
        assertThat(t).isInstanceOf(MqttException.class);
        return ((MqttException) t).getReasonCode();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "vgt_short_x",
                "vgt_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "vgt_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "' OR 1=1 --",
                ""
            })
    void token_malformedOrUnknown_is401WithReason(String bad) throws Exception {
        HttpResponse<String> r = bearer(bad, "GET", "/api/sites");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).containsAnyOf("malformed API token", "unknown API token");
    }

    @Test
    void token_badRequests_are400WithReason() {
        assertThat(admin.post("/api/tokens", "{}").status()).isEqualTo(400);
        assertThat(admin.post("/api/tokens", "{\"name\":\"x\",\"expires_in_days\":0}")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("a token lives from 1 hour to 365 days");
        assertThat(admin.post("/api/tokens", "{\"name\":\"x\",\"expires_in_days\":366}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/tokens", "{\"name\":\"x\",\"role\":\"root\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/tokens", "{\"name\":\"\"}").status()).isEqualTo(400);
    }

    private static JsonNode create(ApiClient client, String body) {
        ApiClient.Reply r = client.post("/api/tokens", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode find(ApiClient client, String id) {
        for (JsonNode t : client.get("/api/tokens").json().get("tokens")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("token " + id + " not listed");
    }

    private static HttpResponse<String> bearer(String token, String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
