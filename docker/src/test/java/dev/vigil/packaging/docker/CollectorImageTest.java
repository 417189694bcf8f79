package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.packaging.docker.testing.CollectorHttp;
import dev.vigil.packaging.docker.testing.Containers;
import dev.vigil.packaging.docker.testing.Images;
import dev.vigil.packaging.docker.testing.Podman;
import dev.vigil.packaging.docker.testing.SiteAgent;
import dev.vigil.testkit.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector image, built with podman from the reactor's jar on a debootstrapped Debian base, run as an MSP runs
 * it: on a named volume, ports published on loopback. Bad input (an unwritable volume, a wrong database URL, a
 * taken port) ends the container with one line that says what is wrong.
 */
class CollectorImageTest {
    private static final String ADMIN_PASSWORD = "container-test-admin";
    private static final String SITE = "acme-hq";
    /** JVM start, H2 migrations and Vert.x on a busy 2-core machine; about 10 s when idle. */
    private static final Duration START = Duration.ofMinutes(3);

    private final Containers containers = new Containers();

    @BeforeAll
    static void image() {
        Images.collector();
    }

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    private record Running(String name, int http, int mqtt) {}

    private Running start(String volume) {
        int http = FreePorts.next();
        int mqtt = FreePorts.next();
        String name = containers.start(
                "collector",
                List.of(
                        "-e",
                        "VIGIL_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                        "-v",
                        volume + ":/var/lib/vigil",
                        "-p",
                        "127.0.0.1:" + http + ":8080",
                        "-p",
                        "127.0.0.1:" + mqtt + ":1883",
                        Images.COLLECTOR));
        awaitHealthy(new CollectorHttp(http), name);
        return new Running(name, http, mqtt);
    }

    private static void awaitHealthy(CollectorHttp http, String container) {
        await().atMost(START)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .failFast(
                        "the container stopped",
                        () -> !Podman.run("container", "inspect", "-f", "{{.State.Running}}", container)
                                .output()
                                .strip()
                                .equals("true"))
                .untilAsserted(() -> assertThat(http.healthz().statusCode()).isEqualTo(200));
    }

    /** {@code sites add} in a one-off container on the volume, before the collector holds the H2 file. */
    private String addSite(String volume) {
        Podman.Result added = containers
                .runToEnd(List.of("-v", volume + ":/var/lib/vigil", Images.COLLECTOR, "sites", "add", SITE))
                .requireSuccess();
        return added.output()
                .lines()
                .filter(l -> l.startsWith("password:"))
                .map(l -> l.substring("password:".length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no password in: " + added.output()));
    }

    @Test
    void collector_onANamedVolume_answersHealthzAndRunsAsUid10001WithoutCapabilities() {
        Running c = start(containers.volume("data"));

        String status = Podman.run("exec", c.name(), "cat", "/proc/1/status")
                .requireSuccess()
                .output();
        assertThat(status).containsPattern("(?m)^Name:\\s+java$");
        assertThat(status).containsPattern("(?m)^Uid:\\s+10001\\s+10001\\s+10001\\s+10001$");
        assertThat(status).containsPattern("(?m)^CapEff:\\s+0+$");
        assertThat(Podman.run("healthcheck", "run", c.name()).exitCode())
                .as("the image's HEALTHCHECK")
                .isZero();
    }

    @Test
    void collector_siteEventOverMqtt_isStoredAndSurvivesARestartOnItsVolume() throws Exception {
        String volume = containers.volume("data");
        String password = addSite(volume);
        Running c = start(volume);
        String before = "01M80K4FW0Z4V0K3J8Q2C9T7XB";
        String after = "01M80K4FW0Z4V0K3J8Q2C9T7XC";

        SiteAgent.publishWanDown(c.mqtt(), SITE, password, before, 1);
        CollectorHttp http = new CollectorHttp(c.http());
        http.login("admin", ADMIN_PASSWORD);
        assertThat(http.get("/api/sites/" + SITE + "/events").body()).contains(before);

        Podman.run(Podman.SHORT, List.of("restart", "-t", "20", c.name())).requireSuccess();
        awaitHealthy(http, c.name());

        CollectorHttp again = new CollectorHttp(c.http());
        again.login("admin", ADMIN_PASSWORD);
        assertThat(again.get("/api/sites/" + SITE + "/events").body()).contains(before);
        SiteAgent.publishWanDown(c.mqtt(), SITE, password, after, 2);
        assertThat(again.get("/api/sites/" + SITE + "/events").body()).contains(before, after);
    }

    private String exitLine(List<String> runArgs) {
        List<String> args = new ArrayList<>(runArgs);
        args.add(Images.COLLECTOR);
        String name = containers.start("failing", args);
        int exit = Containers.awaitExit(name, START);
        String log = Containers.logs(name);
        assertThat(exit).as(log).isNotZero();
        assertThat(log).as("no stack trace").doesNotContain("\tat ");
        List<String> ours =
                log.lines().filter(l -> l.startsWith("vigil-collector:")).toList();
        assertThat(ours).as(log).hasSize(1);
        return ours.get(0);
    }

    @Test
    void collector_dataVolumeNotWritableByItsUser_exitsWithOneLineNamingTheDirectory(@TempDir Path dir)
            throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        String line = exitLine(List.of("-v", data + ":/var/lib/vigil"));

        assertThat(line)
                .isEqualTo("vigil-collector: the data directory /var/lib/vigil is not writable by user vigil: give it"
                        + " to that user (in the container image: uid 10001) or mount a writable volume");
    }

    @Test
    void collector_databaseUrlThatRefuses_exitsWithOneLineNamingTheUrl() {
        String line = exitLine(List.of("-e", "VIGIL_DB_URL=jdbc:postgresql://127.0.0.1:1/vigil"));

        assertThat(line).startsWith("vigil-collector: cannot open the database jdbc:postgresql://127.0.0.1:1/vigil: ");
    }

    @Test
    void collector_databaseUrlOfAnotherKind_exitsNamingWhatIsAccepted() {
        List<String> args = new ArrayList<>(List.of("-e", "VIGIL_DB_URL=jdbc:mysql://db/vigil", Images.COLLECTOR));
        String name = containers.start("failing", args);

        assertThat(Containers.awaitExit(name, START)).isEqualTo(2);
        assertThat(Containers.logs(name))
                .contains("--db-url (VIGIL_DB_URL): 'jdbc:mysql://db/vigil' is neither jdbc:h2:");
    }

    @Test
    void collector_httpPortTakenOnTheHost_exitsWithOneLineNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String line = exitLine(List.of(
                    "--network", "host",
                    "-v", containers.volume("data") + ":/var/lib/vigil",
                    "-e", "VIGIL_HTTP_HOST=127.0.0.1",
                    "-e", "VIGIL_HTTP_PORT=" + taken.getLocalPort(),
                    "-e", "VIGIL_MQTT_HOST=127.0.0.1",
                    "-e", "VIGIL_MQTT_PORT=0"));

            assertThat(line)
                    .startsWith("vigil-collector: cannot start")
                    .contains(Integer.toString(taken.getLocalPort()));
        }
    }
}
