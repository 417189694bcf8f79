package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guessing passwords over HTTP and MQTT CONNECT: throttled with growing delays, locked out, lifted; time is fake. */
class LoginProtectionTest {
    private static final String RIGHT = "the-right-password";

    private SteppingClock clock;
    private RunningCollector collector;
    private ApiClient admin;

    @BeforeEach
    void start() {
        clock = new SteppingClock(Instant.now());
        collector = new RunningCollector(c -> c, clock);
        collector.addUser("target", Role.VIEWER, RIGHT);
        admin = collector.admin(); // signed in before the attack: the attack shares its address (loopback)
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void login_200WrongPasswordsFromOneAddress_throttledWith429_thenRightPasswordWorksAfterTheDelay() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> statuses = new ArrayList<>();
        long retryAfter = 0;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = login(http, "target", "wrong-" + i);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                retryAfter =
                        Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
                assertThat(r.body()).contains("too many failed sign-ins");
            }
        }
        assertThat(statuses.subList(0, LoginThrottle.FREE_FAILURES + 1)).containsOnly(401);
        assertThat(statuses.subList(LoginThrottle.FREE_FAILURES + 1, 200)).containsOnly(429);
        assertThat(retryAfter).isEqualTo(1);

        HttpResponse<String> tooSoon = login(http, "target", RIGHT);
        assertThat(tooSoon.statusCode()).as("the right password waits too").isEqualTo(429);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(login(http, "target", RIGHT).statusCode()).isEqualTo(200);

        String metrics = admin.get("/metrics").body();
        assertThat(metrics).contains("vigil_login_throttled_total{via=\"http\"} 195");
        assertThat(metrics).contains("vigil_login_failures_total{via=\"http\"} 6");
    }

    @Test
    void login_delaysGrow_untilALockout_thatIsRecordedAndAnAdminLifts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Long> waits = new ArrayList<>();
        int failures = 0;
        while (failures < LoginGuard.LOCKOUT_AFTER) {
            HttpResponse<String> r = login(http, "target", "wrong");
            if (r.statusCode() == 401) {
                failures++;
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                long s = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
                waits.add(s);
                clock.advance(Duration.ofSeconds(s));
            }
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L);

        ApiClient.Reply lockouts = admin.get("/api/auth/lockouts");
        assertThat(lockouts.status()).isEqualTo(200);
        assertThat(lockouts.json().get("lockouts").get(0).get("account").asText())
                .isEqualTo("target");
        assertThat(lockouts.json().get("lockouts").get(0).get("failures").asInt())
                .isEqualTo(10);
        assertThat(admin.get("/api/auth/events").body())
                .contains("\"kind\":\"lockout\"")
                .contains("target");
        assertThat(admin.get("/metrics").body()).contains("vigil_login_lockouts_total{via=\"http\"} 1");

        assertThat(admin.delete("/api/auth/lockouts/target").status()).isEqualTo(204);
        assertThat(admin.get("/api/auth/lockouts").json().get("lockouts")).isEmpty();
        assertThat(admin.get("/api/auth/events").body()).contains("\"kind\":\"lockout_lifted\"");
        assertThat(admin.delete("/api/auth/lockouts/target").status()).isEqualTo(404);
        // the address (not the account) still waits out its own delay
        clock.advance(Duration.ofSeconds(16));
        assertThat(login(http, "target", RIGHT).statusCode()).isEqualTo(200);
    }

    @Test
    void lockouts_asViewer_is403() {
        ApiClient viewer = new ApiClient(collector.httpPort()).login("target", RIGHT);
        assertThat(viewer.get("/api/auth/lockouts").status()).isEqualTo(403);
        assertThat(viewer.delete("/api/auth/lockouts/target").status()).isEqualTo(403);
    }

    @Test
    void mqttConnect_wrongPasswords_refusedThenThrottled_rightPasswordWorksAfterTheDelay() throws Exception {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(refusal("target", "wrong-" + i));
        }
        assertThat(codes.subList(0, LoginThrottle.FREE_FAILURES + 1))
                .containsOnly((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertThat(codes.subList(LoginThrottle.FREE_FAILURES + 1, 20))
                .containsOnly((int) MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertThat(refusal("target", RIGHT)).as("throttled").isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED);

        clock.advance(Duration.ofSeconds(1));
        MqttClient phone = collector.connect("phone", "target", RIGHT);
        assertThat(phone.isConnected()).isTrue();
        phone.disconnect();
        phone.close();
        String metrics = admin.get("/metrics").body();
        assertThat(metrics).contains("vigil_mqtt_refused_total{reason=\"throttled\"} 15");
        assertThat(metrics).contains("vigil_login_throttled_total{via=\"mqtt\"} 15");
    }

    @Test
    void mqttConnect_wrongSecretsForASite_throttleTheAddressButNeverLockTheSite() throws Exception {
        String secret = collector.addSite("acme");
        for (int i = 0; i < 12; i++) {
            refusal("acme", "wrong-" + i);
        }
        assertThat(collector.app().tenancy().logins().lockouts()).isEmpty();
        clock.advance(LoginThrottle.MAX_DELAY);
        MqttClient agent = collector.connect("acme-agent", "acme", secret);
        assertThat(agent.isConnected()).isTrue();
        agent.disconnect();
        agent.close();
    }

    private int refusal(String user, String password) {
        Throwable t =
                catchThrowable(() -> collector.connect("phone", user, password).close());
        assertThat(t).as("refused").isInstanceOf(MqttException.class);
        return ((MqttException) t).getReasonCode();
    }

    private HttpResponse<String> login(HttpClient http, String user, String password) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
