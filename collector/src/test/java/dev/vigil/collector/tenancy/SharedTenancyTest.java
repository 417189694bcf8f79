package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two collectors on one PostgreSQL: a site moved to another customer, a TOTP enrolment, a user deleted and created
 * again for another customer and role, and a role lowered in the store, made through one collector, count on the
 * other within seconds, without a restart.
 */
class SharedTenancyTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final String PASSWORD = "a-long-password";

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = new PostgresServer();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void aSiteMovedToAnotherCustomer_leavesTheOldCustomersUsersAndReachesTheNewOnesOnTheOtherCollector() {
        String url = postgres.newDatabase();
        try (LiveCollector one = LiveCollector.start(c -> c.withDb(url, "vigil", ""))) {
            ApiClient admin = admin(one);
            customers(admin, "Acme", "Globex");
            created(admin.post("/api/sites", "{\"site\":\"moved-site\",\"customer\":\"Acme\"}"));
            user(admin, "ann", "viewer", "Acme");
            user(admin, "gus", "viewer", "Globex");
            try (LiveCollector two = LiveCollector.start(c -> c.withDb(url, "vigil", ""))) {
                ApiClient annOnTwo = new ApiClient(two.app().httpPort()).login("ann", PASSWORD);
                ApiClient gusOnTwo = new ApiClient(two.app().httpPort()).login("gus", PASSWORD);
                assertThat(sites(annOnTwo)).containsExactly("moved-site");
                assertThat(annOnTwo.get("/api/sites/moved-site").status()).isEqualTo(200);
                assertThat(sites(gusOnTwo)).isEmpty();
                assertThat(gusOnTwo.get("/api/sites/moved-site").status()).isEqualTo(404);

                Instant moved = Instant.now();
                assertThat(admin.put("/api/sites/moved-site/customer", "{\"customer\":\"Globex\"}")
                                .status())
                        .isEqualTo(200);
                await().atMost(WITHIN)
                        .until(() -> annOnTwo.get("/api/sites/moved-site").status() == 404);
                System.out.println("site move seen on the other collector after "
                        + Duration.between(moved, Instant.now()).toMillis() + " ms");
                assertThat(sites(annOnTwo)).isEmpty();
                assertThat(gusOnTwo.get("/api/sites/moved-site").status()).isEqualTo(200);
                assertThat(sites(gusOnTwo)).containsExactly("moved-site");
            }
        }
    }

    @Test
    void aTotpEnrolmentOnOneCollector_isAskedForOnTheOther() {
        String url = postgres.newDatabase();
        try (LiveCollector one = LiveCollector.start(c -> c.withDb(url, "vigil", ""));
                LiveCollector two = LiveCollector.start(c -> c.withDb(url, "vigil", ""))) {
            user(admin(one), "tina", "viewer", null);
            ApiClient tinaOnTwo = new ApiClient(two.app().httpPort()).login("tina", PASSWORD);
            assertThat(tinaOnTwo.get("/api/me").json().has("totp")).isFalse();

            ApiClient tinaOnOne = new ApiClient(one.app().httpPort()).login("tina", PASSWORD);
            byte[] secret = Base32.decode(
                    tinaOnOne.post("/api/me/totp", "").json().get("secret").asText());
            String code = Totp.code(secret, Totp.step(Instant.now()), Totp.DIGITS, "HmacSHA1");
            Instant enrolled = Instant.now();
            assertThat(tinaOnOne
                            .post("/api/me/totp/confirm", "{\"code\":\"" + code + "\"}")
                            .status())
                    .isEqualTo(200);

            ApiClient.Reply passwordOnly = new ApiClient(two.app().httpPort())
                    .post("/api/login", "{\"username\":\"tina\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(passwordOnly.status()).isEqualTo(401);
            assertThat(passwordOnly.json().path("totp_required").asBoolean()).isTrue();
            await().atMost(WITHIN)
                    .until(() -> tinaOnTwo.get("/api/me").json().path("totp").asBoolean());
            System.out.println("TOTP enrolment shown by the other collector's /api/me after "
                    + Duration.between(enrolled, Instant.now()).toMillis() + " ms");
        }
    }

    @Test
    void aUserDeletedAndCreatedAgainForAnotherCustomer_orLowered_hasOnlyTheNewAccessOnTheOtherCollector() {
        String url = postgres.newDatabase();
        try (LiveCollector one = LiveCollector.start(c -> c.withDb(url, "vigil", ""))) {
            ApiClient admin = admin(one);
            customers(admin, "Acme", "Globex");
            created(admin.post("/api/sites", "{\"site\":\"acme-site\",\"customer\":\"Acme\"}"));
            created(admin.post("/api/sites", "{\"site\":\"globex-site\",\"customer\":\"Globex\"}"));
            user(admin, "dan", "operator", "Acme");
            try (LiveCollector two = LiveCollector.start(c -> c.withDb(url, "vigil", ""))) {
                ApiClient danOnTwo = new ApiClient(two.app().httpPort()).login("dan", PASSWORD);
                assertThat(sites(danOnTwo)).containsExactly("acme-site");

                assertThat(admin.delete("/api/users/dan").status()).isEqualTo(204);
                await().atMost(WITHIN).until(() -> danOnTwo.get("/api/me").status() == 401);
                created(admin.post(
                        "/api/users",
                        "{\"username\":\"dan\",\"password\":\"another-password\",\"role\":\"viewer\","
                                + "\"customer\":\"Globex\"}"));
                ApiClient newDanOnTwo = new ApiClient(two.app().httpPort()).login("dan", "another-password");
                JsonNode me = newDanOnTwo.get("/api/me").json();
                assertThat(me.path("role").asText()).isEqualTo("viewer");
                assertThat(me.path("customer").asText()).isEqualTo("Globex");
                assertThat(sites(newDanOnTwo)).containsExactly("globex-site");
                assertThat(newDanOnTwo.get("/api/sites/acme-site").status()).isEqualTo(404);

                user(admin, "nina", "viewer", "Acme");
                ApiClient ninaOnTwo = new ApiClient(two.app().httpPort()).login("nina", PASSWORD);
                assertThat(sites(ninaOnTwo)).containsExactly("acme-site");
                assertThat(ninaOnTwo.get("/api/sites/globex-site").status()).isEqualTo(404);

                user(admin, "ollie", "operator", null);
                ApiClient ollieOnTwo = new ApiClient(two.app().httpPort()).login("ollie", PASSWORD);
                assertThat(ollieOnTwo.get("/api/me").json().path("role").asText())
                        .isEqualTo("operator");
                Instant lowered = Instant.now();
                // what single sign-on does when the provider's claims give a lower role, here without ending sessions
                one.app().stores().tenancy().updateSsoUser("ollie", null, "viewer", null);
                await().atMost(WITHIN)
                        .until(() -> ollieOnTwo
                                .get("/api/me")
                                .json()
                                .path("role")
                                .asText()
                                .equals("viewer"));
                System.out.println("lowered role counted on the other collector after "
                        + Duration.between(lowered, Instant.now()).toMillis() + " ms");
            }
        }
    }

    private static ApiClient admin(LiveCollector c) {
        return new ApiClient(c.app().httpPort()).login("admin", LiveCollector.password("admin"));
    }

    private static void customers(ApiClient admin, String... names) {
        for (String name : names) {
            assertThat(admin.post("/api/customers", "{\"name\":\"" + name + "\"}")
                            .status())
                    .isEqualTo(201);
        }
    }

    private static void user(ApiClient admin, String name, String role, String customer) {
        created(admin.post(
                "/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role
                        + "\",\"customer\":" + (customer == null ? "null" : "\"" + customer + "\"") + "}"));
    }

    private static void created(ApiClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static List<String> sites(ApiClient client) {
        ApiClient.Reply r = client.get("/api/sites");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().path("sites").forEach(s -> names.add(s.path("site").asText()));
        return names;
    }
}
