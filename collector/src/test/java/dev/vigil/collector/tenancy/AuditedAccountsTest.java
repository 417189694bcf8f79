package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Account and configuration changes through the real API, each leaving exactly one audit line with its actor: the
 * lockout story on a fake clock, two-factor sign-in, tokens, users, customers, sites, channels, rules, snoozes, logout.
 */
class AuditedAccountsTest {
    private static final String RIGHT = "the-right-password";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private SteppingClock clock;
    private RunningCollector collector;
    private ApiClient admin;

    @BeforeEach
    void start() {
        clock = new SteppingClock(Instant.now());
        collector = new RunningCollector(c -> c, clock);
        collector.addUser("target", Role.VIEWER, RIGHT);
        admin = collector.admin();
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void lockout_throttledAttempts_andTheLift_areEachRecorded() {
        int failures = 0;
        while (failures < LoginGuard.LOCKOUT_AFTER) {
            ApiClient.Reply r = login("target", "wrong");
            if (r.status() == 401) {
                failures++;
            } else {
                assertThat(r.status()).isEqualTo(429);
                clock.advance(Duration.ofSeconds(20));
            }
        }
        assertThat(login("target", RIGHT).status()).isEqualTo(429);
        assertThat(admin.delete("/api/auth/lockouts/target").status()).isEqualTo(204);

        JsonNode lockout = one("lockout.started");
        assertThat(lockout.get("actor").asText()).isEqualTo("collector");
        assertThat(lockout.at("/details/user").asText()).isEqualTo("target");
        assertThat(one("lockout.lifted").get("actor").asText()).isEqualTo("admin");
        List<String> reasons = new ArrayList<>();
        entries("kind=login.failed&actor=target")
                .forEach(e -> reasons.add(e.at("/details/reason").asText()));
        assertThat(reasons.stream().filter("bad_password"::equals)).hasSize(LoginGuard.LOCKOUT_AFTER);
        assertThat(reasons).contains("throttled").endsWith("bad_password").startsWith("locked_out");
        assertThat(entries("kind=login.failed"))
                .allMatch(e -> e.get("outcome").asText().equals("denied"));
    }

    @Test
    void accountAndConfigurationChanges_eachOneLineByItsActor() {
        ok(admin.post("/api/customers", "{\"name\":\"Alpha\"}"));
        ok(admin.post("/api/sites", "{\"site\":\"s1\"}"));
        ok(admin.put("/api/sites/s1/customer", "{\"customer\":\"Alpha\"}"));
        ok(admin.post(
                "/api/users",
                "{\"username\":\"u1\",\"password\":\"" + RIGHT + "\",\"role\":\"operator\",\"customer\":\"Alpha\"}"));
        ok(admin.post("/api/users/u1/password", "{\"password\":\"another-long-password\"}"));
        ApiClient u1 = new ApiClient(collector.httpPort()).login("u1", "another-long-password");
        ok(u1.post("/api/snooze", "{\"site\":\"s1\",\"for\":\"1h\"}"));
        String snooze =
                entriesOf("kind=site.snoozed").get(0).at("/details/window").asText();
        ok(u1.delete("/api/maintenance/" + snooze));
        ok(u1.post("/api/logout", "{}"));
        ok(admin.delete("/api/users/u1"));
        ok(admin.put("/api/sites/s1/customer", "{\"customer\":null}"));
        ok(admin.delete("/api/customers/Alpha"));

        byte[] secret =
                Base32.decode(ok(admin.post("/api/me/totp", "{}")).get("secret").asText());
        String code = Totp.code(secret, Totp.step(clock.instant()), Totp.DIGITS, "HmacSHA1");
        ok(admin.post("/api/me/totp/confirm", "{\"code\":\"" + code + "\"}"));
        ok(admin.delete("/api/users/admin/totp"));
        String token =
                ok(admin.post("/api/tokens", "{\"name\":\"script\"}")).get("id").asText();
        ok(admin.delete("/api/tokens/" + token));

        String channel = ok(admin.post("/api/channels", "{\"name\":\"c1\",\"url\":\"ntfy://127.0.0.1:9/t\"}"))
                .get("id")
                .asText();
        admin.post("/api/channels/" + channel + "/test", "{}");
        String rule = ok(admin.post("/api/notify/rules", "{\"tag\":\"x\",\"channels\":[\"" + channel + "\"]}"))
                .get("id")
                .asText();
        ok(admin.delete("/api/notify/rules/" + rule));
        ok(admin.delete("/api/channels/" + channel));

        for (String kind : List.of(
                "customer.created",
                "customer.deleted",
                "site.created",
                "user.created",
                "password.reset",
                "user.deleted",
                "totp.enabled",
                "totp.disabled",
                "token.created",
                "token.revoked",
                "channel.added",
                "channel.tested",
                "channel.deleted",
                "rule.created",
                "rule.deleted")) {
            assertThat(one(kind).get("actor").asText()).as(kind).isEqualTo("admin");
        }
        assertThat(entriesOf("kind=site.assigned"))
                .hasSize(2)
                .allMatch(e -> e.get("site").asText().equals("s1"));
        assertThat(one("site.snoozed").get("actor").asText()).isEqualTo("u1");
        assertThat(one("site.snoozed").get("site").asText()).isEqualTo("s1");
        assertThat(one("snooze.ended").get("actor").asText()).isEqualTo("u1");
        assertThat(one("logout").get("actor").asText()).isEqualTo("u1");
        assertThat(one("user.deleted").get("customer").asText()).isEqualTo("Alpha");
        String all = admin.get("/api/audit?limit=1000").body()
                + admin.get("/api/audit.csv").body();
        assertThat(all).doesNotContain(RIGHT, "another-long-password", RunningCollector.ADMIN_PASSWORD);
        assertThat(all).doesNotContain(Base32.encode(secret), code);
    }

    private ApiClient.Reply login(String user, String password) {
        return new ApiClient(collector.httpPort())
                .post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    private static JsonNode ok(ApiClient.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 204);
        return r.body().isEmpty() ? null : r.json();
    }

    private JsonNode one(String kind) {
        List<JsonNode> found = entriesOf("kind=" + kind);
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> entriesOf(String query) {
        return await().atMost(WAIT).until(() -> entries(query), l -> !l.isEmpty());
    }

    private List<JsonNode> entries(String query) {
        ApiClient.Reply r = admin.get("/api/audit?limit=1000&" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("entries").forEach(out::add);
        return out;
    }
}
