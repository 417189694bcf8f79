package dev.vigil.collector.dashboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.app.CollectorApp;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.config.CollectorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real collector (embedded MQTT endpoint, H2 in a temp directory, HTTP on a free port) with one user per role.
 * Passwords are the user name followed by {@link #PASSWORD_SUFFIX}. Sites are created through the HTTP API as admin.
 */
public final class LiveCollector implements AutoCloseable {
    public static final String PASSWORD_SUFFIX = "-Password-1234";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final CollectorApp app;
    private final HttpClient admin;

    private LiveCollector(Path dataDir, CollectorApp app) {
        this.dataDir = dataDir;
        this.app = app;
        this.admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    public static LiveCollector start() {
        return start(c -> c);
    }

    /** With a changed configuration (e.g. roles that must use two-factor sign-in). */
    public static LiveCollector start(java.util.function.UnaryOperator<CollectorConfig> customize) {
        try {
            Path dir = Files.createTempDirectory("vigil-dashboard-collector-");
            CollectorConfig config = customize.apply(
                    CollectorConfig.defaults(dir).withPorts(0, 0).withAdminPassword(password("admin")));
            LiveCollector c = new LiveCollector(dir, CollectorApp.start(config, Clock.systemUTC()));
            c.app.directory().addUser("operator", Role.OPERATOR, password("operator"));
            c.app.directory().addUser("viewer", Role.VIEWER, password("viewer"));
            c.post("/api/login", Map.of("username", "admin", "password", password("admin")));
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the collector's data directory", e);
        }
    }

    public static String password(String user) {
        return user + PASSWORD_SUFFIX;
    }

    public CollectorApp app() {
        return app;
    }

    public String url() {
        return "http://127.0.0.1:" + app.httpPort() + "/";
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + app.mqttPort();
    }

    /** Creates a site through {@code POST /api/sites} and connects an MQTT client with its credentials. */
    public SitePublisher createSite(String site, List<String> tags) {
        JsonNode created = post("/api/sites", Map.of("site", site, "tags", tags));
        return SitePublisher.connect(
                mqttUri(),
                site,
                created.path("username").asText(),
                created.path("password").asText());
    }

    /** An API call as admin; fails the test on any status but 2xx. */
    public JsonNode post(String path, Object body) {
        try {
            HttpResponse<String> r = admin.send(
                    HttpRequest.newBuilder(URI.create(url() + path.substring(1)))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The HTTP client signed in as admin. */
    public HttpClient adminClient() {
        return admin;
    }

    public JsonNode get(String path) {
        try {
            HttpResponse<String> r = admin.send(
                    HttpRequest.newBuilder(URI.create(url() + path.substring(1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // the temp directory is left behind; harmless
            }
        }
    }
}
