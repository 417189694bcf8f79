package dev.vigil.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.config.HttpTls;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.TestPki;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page and every route, answered well or badly, over HTTP and HTTPS, carries the security headers; over HTTPS
 * also HSTS and a Secure session cookie.
 */
class SecurityHeadersTest {
    private static final Path DASHBOARD = Path.of("../dashboard/src/main/resources/vigil-dashboard");
    private static final List<String> API = List.of(
            "GET /api/me",
            "GET /api/sites",
            "GET /api/sites/acme",
            "GET /api/sites/acme/events",
            "GET /api/sites/acme/metrics",
            "GET /api/sites/nope",
            "POST /api/sites",
            "PUT /api/sites/acme/customer",
            "GET /api/alerts",
            "POST /api/alerts/x/ack",
            "GET /api/customers",
            "POST /api/customers",
            "DELETE /api/customers/x",
            "GET /api/users",
            "POST /api/users",
            "DELETE /api/users/x",
            "POST /api/users/x/password",
            "POST /api/me/password",
            "GET /api/auth/lockouts",
            "DELETE /api/auth/lockouts/x",
            "GET /api/auth/events",
            "GET /api/tokens",
            "POST /api/tokens",
            "DELETE /api/tokens/x",
            "POST /api/me/totp",
            "POST /api/me/totp/confirm",
            "DELETE /api/me/totp",
            "DELETE /api/users/x/totp",
            "POST /api/login",
            "POST /api/logout",
            "GET /api/no-such-route",
            "GET /healthz",
            "GET /metrics",
            "GET /no-such-page.html");

    @TempDir
    static Path pkiDir;

    private static TestPki pki;
    private static Path ca;
    private static RunningCollector collector;

    @BeforeAll
    static void start() {
        pki = new TestPki(pkiDir);
        ca = pki.createCa("good");
        pki.createServer("good");
        collector = new RunningCollector(c -> c.withHttpTls(new HttpTls(0, pki.serverCert(), pki.serverKey())));
        collector.addSite("acme");
        collector.addUser("vera", Role.VIEWER, "viewer-password");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void everyPageAndRoute_overHttp_carriesTheSecurityHeaders() throws Exception {
        List<String> requests = walk();
        HttpClient anonymous = HttpClient.newHttpClient();
        ApiClient viewer = new ApiClient(collector.httpPort()).login("vera", "viewer-password");
        ApiClient admin = collector.admin();
        String base = "http://127.0.0.1:" + collector.httpPort();
        for (String r : requests) {
            for (HttpClient client : List.of(anonymous, viewer.http(), admin.http())) {
                HttpResponse<String> response = send(client, base, r);
                assertHeaders(r, response);
                assertThat(response.headers().firstValue("Strict-Transport-Security"))
                        .as("no HSTS over plain HTTP: %s", r)
                        .isEmpty();
            }
        }
    }

    @Test
    void everyPageAndRoute_overHttps_carriesTheHeadersAndHsts() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TestPki.trustingContext(ca))
                .cookieHandler(new CookieManager())
                .build();
        String base = "https://localhost:" + collector.app().httpsPort();
        for (String r : walk()) {
            HttpResponse<String> response = send(client, base, r);
            assertHeaders(r, response);
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as(r)
                    .hasValue(SecurityHeaders.HSTS);
        }
    }

    @Test
    void login_overHttps_setsASecureHttpOnlyCookie_overHttpNotSecure() throws Exception {
        HttpClient tls =
                HttpClient.newBuilder().sslContext(TestPki.trustingContext(ca)).build();
        String body = "{\"username\":\"vera\",\"password\":\"viewer-password\"}";
        HttpResponse<String> secure = tls.send(
                HttpRequest.newBuilder(URI.create(
                                "https://localhost:" + collector.app().httpsPort() + "/api/login"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("vigil_session=")
                .contains("Secure")
                .containsIgnoringCase("HttpOnly");
        HttpResponse<String> plain = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + "/api/login"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
    }

    private static void assertHeaders(String request, HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .as("CSP on %s (%d)", request, r.statusCode())
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(request).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(request).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(request).hasValue("no-referrer");
    }

    /** The dashboard's files (found on disk, so a new page is walked too), the root, and every API route. */
    private static List<String> walk() throws IOException {
        List<String> out = new ArrayList<>(List.of("GET /", "GET /index.html"));
        try (Stream<Path> files = Files.walk(DASHBOARD)) {
            files.filter(Files::isRegularFile)
                    .map(f -> "GET /" + DASHBOARD.relativize(f).toString().replace('\\', '/'))
                    .forEach(out::add);
        }
        assertThat(out).as("dashboard files found").anyMatch(p -> p.endsWith(".js"));
        out.addAll(API);
        return out;
    }

    private static HttpResponse<String> send(HttpClient client, String base, String request) throws Exception {
        String[] parts = request.split(" ", 2);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + parts[1])).timeout(Duration.ofSeconds(20));
        b = parts[0].equals("GET") ? b.GET() : b.method(parts[0], HttpRequest.BodyPublishers.ofString("{}"));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
