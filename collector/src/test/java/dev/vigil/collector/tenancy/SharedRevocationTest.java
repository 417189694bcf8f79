package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two collectors on one PostgreSQL: an API token revoked on one, and a password reset on one (which ends the user's
 * sessions), stop working on the other within seconds, without a restart.
 */
class SharedRevocationTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Test
    void aRevokedTokenAndAResetPassword_stopWorkingOnTheOtherCollectorWithinSeconds() {
        try (PostgresServer postgres = new PostgresServer()) {
            String url = postgres.newDatabase();
            try (LiveCollector a = LiveCollector.start(c -> c.withDb(url, "vigil", ""));
                    LiveCollector b = LiveCollector.start(c -> c.withDb(url, "vigil", ""))) {
                JsonNode made = a.post("/api/tokens", Map.of("name", "script", "role", "viewer"));
                String token = made.path("token").asText();
                await().atMost(WITHIN).until(() -> bearer(b, token) == 200);

                HttpClient viewerOnB = HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .build();
                assertThat(send(viewerOnB, login(b, "viewer")).statusCode()).isEqualTo(200);
                assertThat(send(viewerOnB, get(b, "api/me")).statusCode()).isEqualTo(200);

                Instant revoked = Instant.now();
                assertThat(send(
                                        a.adminClient(),
                                        delete(
                                                a,
                                                "api/tokens/" + made.path("id").asText()))
                                .statusCode())
                        .isEqualTo(204);
                await().atMost(WITHIN).until(() -> bearer(b, token) == 401);
                System.out.println("token revocation seen on the other collector after "
                        + Duration.between(revoked, Instant.now()).toMillis() + " ms");

                Instant reset = Instant.now();
                a.post("/api/users/viewer/password", Map.of("password", "a-new-password-5678"));
                await().atMost(WITHIN)
                        .until(() -> send(viewerOnB, get(b, "api/me")).statusCode() == 401);
                System.out.println("password reset ended the session on the other collector after "
                        + Duration.between(reset, Instant.now()).toMillis() + " ms");
            }
        }
    }

    private static int bearer(LiveCollector c, String token) {
        return send(
                        HttpClient.newHttpClient(),
                        HttpRequest.newBuilder(URI.create(c.url() + "api/me"))
                                .header("Authorization", "Bearer " + token)
                                .build())
                .statusCode();
    }

    private static HttpRequest login(LiveCollector c, String user) {
        return HttpRequest.newBuilder(URI.create(c.url() + "api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + LiveCollector.password(user) + "\"}"))
                .build();
    }

    private static HttpRequest get(LiveCollector c, String path) {
        return HttpRequest.newBuilder(URI.create(c.url() + path)).build();
    }

    private static HttpRequest delete(LiveCollector c, String path) {
        return HttpRequest.newBuilder(URI.create(c.url() + path)).DELETE().build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
