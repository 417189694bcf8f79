package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packaging.docker.testing.CollectorHttp;
import dev.vigil.packaging.docker.testing.DockerDir;
import dev.vigil.packaging.docker.testing.Images;
import dev.vigil.packaging.docker.testing.Podman;
import dev.vigil.packaging.docker.testing.PodmanService;
import dev.vigil.packaging.docker.testing.SiteAgent;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped compose.yaml with its postgres profile, run for real by Debian's docker-compose through podman's
 * Docker API, on images built here (the collector from the reactor's jar, PostgreSQL from Debian's packages):
 * a site's event goes in over MQTT, is stored in PostgreSQL and is still there after {@code down} and {@code up}.
 */
class ComposeUpTest {
    private static final String SITE = "acme-hq";
    private static final String ADMIN_PASSWORD = "compose-test-admin";
    /** PostgreSQL's first start (initdb) and the collector's restart while it waits for it, on a busy machine. */
    private static final Duration START = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    @BeforeAll
    static void images() {
        Prerequisites.requireCommand("docker-compose", "docker-compose");
        Images.collector();
        Images.postgres();
    }

    private record Project(String name, Map<String, String> env) {
        Podman.Result compose(String... args) {
            List<String> argv = new ArrayList<>(List.of(
                    "docker-compose",
                    "-p",
                    name,
                    "-f",
                    DockerDir.path("compose.yaml").toString(),
                    "--profile",
                    "postgres"));
            argv.addAll(List.of(args));
            return Podman.exec(argv, env, Podman.SHORT);
        }
    }

    private static void awaitHealthy(CollectorHttp http) {
        await().atMost(START)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(http.healthz().statusCode()).isEqualTo(200));
    }

    @Test
    void up_collectorWithPostgresProfile_storesASiteEventThatSurvivesDownAndUp() throws Exception {
        int httpPort = FreePorts.next();
        int mqttPort = FreePorts.next();
        String eventId = "01M80K4FW0Z4V0K3J8Q2C9T7XD";
        try (PodmanService service = new PodmanService(dir)) {
            Project project = new Project(
                    "vigil-test-" + UUID.randomUUID().toString().substring(0, 8),
                    Map.of(
                            "DOCKER_HOST",
                            service.dockerHost(),
                            "VIGIL_COLLECTOR_IMAGE",
                            Images.COLLECTOR,
                            "VIGIL_POSTGRES_IMAGE",
                            Images.POSTGRES,
                            "VIGIL_DB_URL",
                            "jdbc:postgresql://postgres:5432/vigil",
                            "VIGIL_DB_PASSWORD",
                            "compose-test-db",
                            "VIGIL_ADMIN_PASSWORD",
                            ADMIN_PASSWORD,
                            "VIGIL_HTTP_PUBLISH",
                            "127.0.0.1:" + httpPort,
                            "VIGIL_MQTT_PUBLISH",
                            "127.0.0.1:" + mqttPort));
            try {
                project.compose("up", "-d", "--no-build").requireSuccess();
                CollectorHttp http = new CollectorHttp(httpPort);
                awaitHealthy(http);
                assertThat(project.compose("logs", "collector").output())
                        .contains("store ready: jdbc:postgresql://postgres:5432/vigil");
                String added = project.compose(
                                "exec",
                                "-T",
                                "collector",
                                "java",
                                "-jar",
                                "/usr/share/vigil/vigil-collector.jar",
                                "sites",
                                "add",
                                SITE)
                        .requireSuccess()
                        .output();
                String password = added.lines()
                        .filter(l -> l.startsWith("password:"))
                        .map(l -> l.substring("password:".length()).strip())
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no password in: " + added));

                SiteAgent.publishWanDown(mqttPort, SITE, password, eventId, 1);
                http.login("admin", ADMIN_PASSWORD);
                assertThat(http.get("/api/sites/" + SITE + "/events").body()).contains(eventId);

                project.compose("down", "-t", "20").requireSuccess();
                project.compose("up", "-d", "--no-build").requireSuccess();
                CollectorHttp again = new CollectorHttp(httpPort);
                awaitHealthy(again);
                again.login("admin", ADMIN_PASSWORD);
                assertThat(again.get("/api/sites/" + SITE + "/events").body()).contains(eventId);
            } finally {
                project.compose("down", "-v", "-t", "5");
            }
        }
    }
}
