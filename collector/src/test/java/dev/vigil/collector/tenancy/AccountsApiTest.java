package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Customers, users and passwords through the API: hostile names kept verbatim, bad input named, resets that bite. */
class AccountsApiTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)> O'Brien & Co\"; DROP TABLE sites; --";

    private static RunningCollector collector;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        collector = new RunningCollector();
        admin = collector.admin();
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void singleSignOnQuestion_withoutSingleSignOn_answersDisabledWithoutALogin() {
        ApiClient.Reply r = new ApiClient(collector.httpPort()).get("/api/sso");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("enabled").asBoolean(true)).isFalse();
        assertThat(new ApiClient(collector.httpPort()).get("/api/sso/login").status())
                .isEqualTo(401);
    }

    @Test
    void customer_withHtmlAndSqlInItsName_isStoredAndListedVerbatim() {
        String json = "{\"name\":" + dev.vigil.protocol.Json.object().textNode(HOSTILE) + "}";
        assertThat(admin.post("/api/customers", json).status()).isEqualTo(201);
        assertThat(admin.post("/api/customers", json).status()).isEqualTo(409);
        assertThat(admin.get("/api/customers").json().findValuesAsText("name")).contains(HOSTILE);
        ApiClient.Reply site = admin.post(
                "/api/sites",
                "{\"site\":\"hostile-site\",\"customer\":"
                        + dev.vigil.protocol.Json.object().textNode(HOSTILE) + "}");
        assertThat(site.status()).isEqualTo(201);
        assertThat(site.json().get("customer").asText()).isEqualTo(HOSTILE);
        assertThat(collector.app().stores().directory().sites()).isNotEmpty();
        assertThat(collector.app().tenancy().owners().customerOf("hostile-site"))
                .hasValue(HOSTILE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":\"a\\nb\"}", "{\"name\":7}", "[]"})
    void customer_badName_is400WithReason(String body) {
        ApiClient.Reply r = admin.post("/api/customers", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).containsAnyOf("name", "JSON");
    }

    @Test
    void customer_tooLongName_is400() {
        ApiClient.Reply r = admin.post("/api/customers", "{\"name\":\"" + "x".repeat(101) + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("customer name must have at most 100 characters");
    }

    @Test
    void site_ofUnknownCustomer_is400_andNotCreated() {
        ApiClient.Reply r = admin.post("/api/sites", "{\"site\":\"orphan\",\"customer\":\"Nobody\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("no customer named Nobody");
        assertThat(admin.get("/api/sites/orphan").status()).isEqualTo(404);
    }

    @Test
    void customer_delete_refusedWhileInUse_thenDone() {
        admin.post("/api/customers", "{\"name\":\"Shortlived\"}");
        admin.post("/api/sites", "{\"site\":\"short-site\",\"customer\":\"Shortlived\"}");
        assertThat(admin.delete("/api/customers/Shortlived").status()).isEqualTo(409);
        assertThat(admin.put("/api/sites/short-site/customer", "{\"customer\":null}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.delete("/api/customers/Shortlived").status()).isEqualTo(204);
        assertThat(admin.delete("/api/customers/Shortlived").status()).isEqualTo(404);
        assertThat(admin.put("/api/sites/no-such/customer", "{\"customer\":null}")
                        .status())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>", "a b", "x'; DROP TABLE users; --", ""})
    void user_withHtmlOrSqlInTheName_is400AndNotCreated(String name) {
        ApiClient.Reply r = admin.post(
                "/api/users",
                "{\"username\":" + dev.vigil.protocol.Json.object().textNode(name)
                        + ",\"password\":\"long-enough-1\",\"role\":\"viewer\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith("user name must be");
        assertThat(admin.get("/api/users").body()).doesNotContain("DROP").doesNotContain("script");
    }

    @Test
    void user_badRoleOrShortPassword_is400() {
        assertThat(admin.post("/api/users", "{\"username\":\"u1\",\"password\":\"long-enough-1\",\"role\":\"root\"}")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("role must be viewer, operator or admin");
        assertThat(admin.post("/api/users", "{\"username\":\"u1\",\"password\":\"short\",\"role\":\"viewer\"}")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("password must have at least 8 characters");
    }

    @Test
    void ownPassword_change_needsTheCurrentOne_andTheOldOneStopsWorking() {
        collector.addUser("carol", Role.VIEWER, "carol-password-1");
        ApiClient carol = new ApiClient(collector.httpPort()).login("carol", "carol-password-1");
        ApiClient.Reply wrong =
                carol.post("/api/me/password", "{\"current\":\"nope-nope\",\"password\":\"carol-password-2\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(carol.post("/api/me/password", "{\"current\":\"carol-password-1\",\"password\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(carol.post(
                                "/api/me/password",
                                "{\"current\":\"carol-password-1\",\"password\":\"carol-password-2\"}")
                        .status())
                .isEqualTo(204);
        assertThat(new ApiClient(collector.httpPort())
                        .post("/api/login", "{\"username\":\"carol\",\"password\":\"carol-password-1\"}")
                        .status())
                .isEqualTo(401);
        new ApiClient(collector.httpPort()).login("carol", "carol-password-2");
        assertThat(carol.get("/api/me").status()).as("own session kept").isEqualTo(200);
    }

    @Test
    void adminReset_setsThePassword_endsTheUsersSessions_andIsLogged() {
        collector.addUser("dave", Role.OPERATOR, "dave-password-1");
        ApiClient dave = new ApiClient(collector.httpPort()).login("dave", "dave-password-1");
        assertThat(dave.post("/api/users/dave/password", "{\"password\":\"x-x-x-x-x\"}")
                        .status())
                .as("not an admin")
                .isEqualTo(403);
        assertThat(admin.post("/api/users/dave/password", "{\"password\":\"dave-password-2\"}")
                        .status())
                .isEqualTo(204);
        assertThat(dave.get("/api/me").status()).isEqualTo(401);
        new ApiClient(collector.httpPort()).login("dave", "dave-password-2");
        assertThat(admin.post("/api/users/nobody/password", "{\"password\":\"dave-password-2\"}")
                        .status())
                .isEqualTo(404);
        String log = admin.get("/api/auth/events").body();
        assertThat(log).contains("password_reset").doesNotContain("dave-password");
    }

    @Test
    void userDelete_endsSessions_andNotYourself() {
        collector.addUser("erin", Role.VIEWER, "erin-password-1");
        ApiClient erin = new ApiClient(collector.httpPort()).login("erin", "erin-password-1");
        assertThat(admin.delete("/api/users/admin").status()).isEqualTo(409);
        assertThat(admin.delete("/api/users/erin").status()).isEqualTo(204);
        assertThat(erin.get("/api/me").status()).isEqualTo(401);
        assertThat(admin.get("/api/users").json().findValuesAsText("username")).doesNotContain("erin");
    }
}
