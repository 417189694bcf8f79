package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.docker.testing.Containers;
import dev.vigil.packaging.docker.testing.DockerDir;
import dev.vigil.packaging.docker.testing.Images;
import dev.vigil.packaging.docker.testing.Podman;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent image, built with podman from the reactor's jar, run the way docker/README.md runs it on a Pi: every
 * capability dropped but CAP_NET_RAW, no new privileges, a read-only root file system.
 */
class AgentImageTest {
    /** The capture the agent's own tests replay: real RouterOS 6.10 traffic, kept in the agent's test resources. */
    private static final String CAPTURE = "agent/src/test/resources/fixtures/vrrp/tcpdump_vrrp_routeros-6.10.pcap";

    private static final List<String> HARDENED =
            List.of("--cap-drop=ALL", "--security-opt", "no-new-privileges", "--read-only", "--tmpfs", "/tmp");

    private final Containers containers = new Containers();

    @BeforeAll
    static void image() {
        Images.agent();
    }

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    private Podman.Result agent(List<String> runArgs, String... command) {
        List<String> args = new ArrayList<>(HARDENED);
        args.addAll(runArgs);
        args.add(Images.AGENT);
        args.addAll(List.of(command));
        return containers.runToEnd(args);
    }

    @Test
    void replay_routerOsCapture_decodesEveryAdvertWithNoCapability() {
        Path capture = DockerDir.repository(CAPTURE);
        assertThat(capture).exists();

        Podman.Result result = agent(
                List.of("--network", "none", "-v", capture + ":/captures/routeros.pcap:ro"),
                "replay",
                "/captures/routeros.pcap");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("vrrp.master_elected vrrp/pcap/IPv4/42 master=10.0.0.91 priority=191")
                .contains("/captures/routeros.pcap: 165 VRRP adverts, 0 CARP adverts, rejected: none");
    }

    /** /etc/vigil with the shipped example config and the secret files it names. */
    private static Path etcVigil(Path dir, boolean withSecrets) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc-vigil"));
        Files.copy(DockerDir.repository("agent/src/main/dist/agent.yaml"), etc.resolve("agent.yaml"));
        if (withSecrets) {
            for (String secret : List.of("router-a.secret", "router-b.secret", "mqtt.secret")) {
                Files.writeString(etc.resolve(secret), "not-a-real-secret\n", StandardCharsets.UTF_8);
            }
            Files.writeString(
                    etc.resolve("collector-command.pub"),
                    "MCowBQYDK2VwAyEAlWGpYqsWTM/lERFvVz6Ivs5agMN36L3sCGCVNGzPvIA=\n",
                    StandardCharsets.UTF_8);
            Commands.run(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "ec",
                            "-pkeyopt",
                            "ec_paramgen_curve:prime256v1",
                            "-nodes",
                            "-subj",
                            "/CN=collector.example",
                            "-days",
                            "1",
                            "-keyout",
                            dir.resolve("ca.key").toString(),
                            "-out",
                            etc.resolve("collector-ca.pem").toString())
                    .requireSuccess();
        }
        return etc;
    }

    @Test
    void checkConfig_shippedExampleWithItsSecretFiles_isAccepted(@TempDir Path dir) throws IOException {
        Path etc = etcVigil(dir, true);

        Podman.Result result = agent(
                List.of("--network", "none", "-v", etc + ":/etc/vigil:ro"), "check-config", "/etc/vigil/agent.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void checkConfig_shippedExampleWithoutItsSecretFiles_namesEveryMissingFile(@TempDir Path dir) throws IOException {
        Path etc = etcVigil(dir, false);

        Podman.Result result = agent(
                List.of("--network", "none", "-v", etc + ":/etc/vigil:ro"), "check-config", "/etc/vigil/agent.yaml");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("/etc/vigil/agent.yaml: 5 problems")
                .contains("mqtt.password_file = '/etc/vigil/mqtt.secret': the file does not exist")
                .contains("routers[0].password_file = '/etc/vigil/router-a.secret': the file does not exist");
    }

    private Podman.Result sniffInLab(SiteLab lab, List<String> capabilities) {
        List<String> args = new ArrayList<>(List.of("--network", "ns:/run/netns/" + lab.namespace(Host.AGENT)));
        args.addAll(capabilities);
        return agent(args, "sniff", "--interface", lab.lanInterface(Host.AGENT), "--json", "--for", "5s");
    }

    @Test
    void sniff_labLanWithOnlyNetRaw_seesTheElection() {
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(3)
                .advertInterval(Duration.ofMillis(300))
                .start()) {
            Podman.Result result = sniffInLab(lab, List.of("--cap-add=NET_RAW"));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("\"type\":\"vrrp.master_elected\"");
        }
    }

    @Test
    void sniff_labLanWithNoCapability_oneLineErrorWithTheFix() {
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(3)
                .advertInterval(Duration.ofMillis(300))
                .start()) {
            Podman.Result result = sniffInLab(lab, List.of());

            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("vigil-agent: no permission to capture on lan0 (CAP_NET_RAW missing)");
        }
    }
}
