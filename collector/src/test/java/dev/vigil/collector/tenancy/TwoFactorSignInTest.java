package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TOTP sign-in through the API on a stepping clock, with operators required to use it: enrol, confirm, sign in with a
 * code, a reused code refused, recovery codes single use, wrong codes throttled, an admin turning it off.
 */
class TwoFactorSignInTest {
    private static final String PASSWORD = "operator-password";

    private static SteppingClock clock;
    private static RunningCollector collector;

    @BeforeAll
    static void start() {
        clock = new SteppingClock(Instant.parse("2026-03-01T10:00:00Z"));
        collector = new RunningCollector(c -> c.withTotpRequiredRoles(List.of("operator")), clock);
        collector.addUser("otto", Role.OPERATOR, PASSWORD);
        collector.addUser("olga", Role.OPERATOR, PASSWORD);
    }

    /** Every test starts with the failures of earlier tests from the loopback address forgotten. */
    @BeforeEach
    void later() {
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void requiredRole_withoutTotp_canOnlyEnrol_thenSignsInWithCodes() throws Exception {
        ApiClient otto = new ApiClient(collector.httpPort()).login("otto", PASSWORD);
        ApiClient.Reply blocked = otto.get("/api/sites");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("error").asText())
                .isEqualTo("two-factor sign-in is required for the role operator: set it up first (POST /api/me/totp)");
        assertThat(otto.get("/api/me").json().get("totp_setup_required").asBoolean())
                .isTrue();

        JsonNode enrolment = otto.post("/api/me/totp", "").json();
        byte[] secret = Base32.decode(enrolment.get("secret").asText());
        assertThat(enrolment.get("uri").asText())
                .startsWith("otpauth://totp/Vigil%3Aotto?secret="
                        + enrolment.get("secret").asText());
        assertThat(otto.post("/api/me/totp/confirm", "{\"code\":\"000000\"}").status())
                .isIn(400);
        String first = code(secret);
        JsonNode confirmed = otto.post("/api/me/totp/confirm", "{\"code\":\"" + first + "\"}")
                .json();
        assertThat(confirmed.get("recovery_codes")).hasSize(TwoFactor.RECOVERY_CODES);
        assertThat(otto.get("/api/sites").status()).isEqualTo(200);
        assertThat(otto.post("/api/me/totp", "").status()).as("already on").isEqualTo(409);

        ApiClient.Reply noCode = login("otto", PASSWORD, null);
        assertThat(noCode.status()).isEqualTo(401);
        assertThat(noCode.json().get("totp_required").asBoolean()).isTrue();
        ApiClient.Reply reused = login("otto", PASSWORD, first);
        assertThat(reused.status())
                .as("the confirming code, reused in its window")
                .isEqualTo(401);
        assertThat(reused.json().get("error").asText()).isEqualTo("wrong or already used one-time code");

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        String next = code(secret);
        assertThat(login("otto", PASSWORD, next).status()).isEqualTo(200);
        assertThat(login("otto", PASSWORD, next).status()).as("same code twice").isEqualTo(401);
        assertThat(login("otto", "wrong-password", code(secret)).status()).isEqualTo(401);

        String recovery = confirmed.get("recovery_codes").get(0).asText();
        assertThat(login("otto", PASSWORD, recovery).status()).isEqualTo(200);
        assertThat(login("otto", PASSWORD, recovery).status())
                .as("recovery codes are single use")
                .isEqualTo(401);
        assertThat(login(
                                "otto",
                                PASSWORD,
                                confirmed.get("recovery_codes").get(1).asText().toUpperCase(Locale.ROOT))
                        .status())
                .isEqualTo(200);

        // MQTT has no second factor: the password alone no longer opens it, an API token of otto's does
        Throwable refused = catchThrowable(
                () -> collector.connect("otto-phone", "otto", PASSWORD).close());
        assertThat(refused).isInstanceOf(MqttException.class);
        assertThat(((MqttException) refused).getReasonCode())
                .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        ApiClient ottoAgain = new ApiClient(collector.httpPort());
        ottoAgain.post(
                "/api/login",
                "{\"username\":\"otto\",\"password\":\"" + PASSWORD + "\",\"code\":\""
                        + confirmed.get("recovery_codes").get(2).asText() + "\"}");
        String token = ottoAgain
                .post("/api/tokens", "{\"name\":\"phone\",\"role\":\"viewer\"}")
                .json()
                .get("token")
                .asText();
        MqttClient phone = collector.connect("otto-phone", "otto", token);
        assertThat(phone.subscribeWithResponse("vigil/v1/alerts/#", 1, (t, m) -> {})
                        .getGrantedQos())
                .containsExactly(1);
        phone.disconnect();
        phone.close();

        String log = collector.admin().get("/api/auth/events").body();
        assertThat(log).contains("totp_enabled").contains("recovery_code_used");
        assertThat(log).doesNotContain(enrolment.get("secret").asText()).doesNotContain(recovery);
    }

    @Test
    void wrongCodes_countAsFailedSignIns_andAreThrottled_thenAnAdminTurnsTotpOff() {
        ApiClient olga = new ApiClient(collector.httpPort()).login("olga", PASSWORD);
        byte[] secret =
                Base32.decode(olga.post("/api/me/totp", "").json().get("secret").asText());
        assertThat(olga.post("/api/me/totp/confirm", "{\"code\":\"" + code(secret) + "\"}")
                        .status())
                .isEqualTo(200);
        int throttled = 0;
        for (int i = 0; i < 8; i++) {
            int status = login("olga", PASSWORD, "111111").status();
            assertThat(status).isIn(401, 429);
            throttled += status == 429 ? 1 : 0;
        }
        assertThat(throttled).isEqualTo(2);

        clock.advance(LoginThrottle.MAX_DELAY);
        ApiClient admin = collector.admin();
        assertThat(admin.delete("/api/users/olga/totp").status()).isEqualTo(204);
        assertThat(admin.delete("/api/users/olga/totp").status()).isEqualTo(404);
        ApiClient.Reply again = login("olga", PASSWORD, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().has("totp_required")).isFalse();
    }

    private static String code(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant()), Totp.DIGITS, "HmacSHA1");
    }

    private static ApiClient.Reply login(String user, String password, String code) {
        return new ApiClient(collector.httpPort())
                .post(
                        "/api/login",
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\""
                                + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}");
    }
}
