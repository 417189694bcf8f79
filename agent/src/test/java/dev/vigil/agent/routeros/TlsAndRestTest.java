package dev.vigil.agent.routeros;

import static dev.vigil.agent.routeros.ApiRouterOsClientTest.assertFails;
import static dev.vigil.agent.routeros.SimFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.Secret;
import dev.vigil.testkit.routeros.RouterOsSim;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** api-ssl and REST against one TLS simulator (its certificate is made once with keytool). */
class TlsAndRestTest {
    private static final String OTHER_PIN = "sha256:" + "AB:".repeat(31) + "AB";
    private static RouterOsSim sim;

    @BeforeAll
    static void start(@TempDir Path dir) {
        RouterOsSim.Options o = RouterOsSim.Options.defaults().withTls(true);
        sim = SimFixture.sim(new RouterOsSim.Options(
                o.bind(), 0, true, 0, o.personality(), false, true, "vigil", "vigil", o.pingInterval(), dir));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static RouterConfig config(RouterConfig.Transport transport, int port, TlsSettings tls, String password) {
        return new RouterConfig(
                "router-a",
                "127.0.0.1",
                transport,
                port,
                "vigil",
                Secret.of(password),
                tls,
                Duration.ofSeconds(3),
                null);
    }

    @Test
    void apiSsl_pinnedFingerprintMatches_connects() throws Exception {
        try (RouterOsClient client = RouterOsClient.create(config(
                RouterConfig.Transport.API_SSL, sim.apiPort(), TlsSettings.pinned(sim.fingerprint()), "vigil"))) {
            assertThat(await(client.version())).startsWith("7.");
        }
    }

    @Test
    void apiSsl_wrongFingerprint_refusedNamingBothFingerprints() {
        try (RouterOsClient client = RouterOsClient.create(
                config(RouterConfig.Transport.API_SSL, sim.apiPort(), TlsSettings.pinned(OTHER_PIN), "vigil"))) {
            assertFails(
                    () -> await(client.version()),
                    RouterOsException.Kind.TLS,
                    "router certificate fingerprint " + sim.fingerprint() + " does not match the pinned " + OTHER_PIN);
        }
    }

    @Test
    void apiSsl_caFileWithRouterCertificate_connects(@TempDir Path dir) throws Exception {
        Path ca = sim.certificate().writePem(dir.resolve("ca.pem"));
        try (RouterOsClient client = RouterOsClient.create(
                config(RouterConfig.Transport.API_SSL, sim.apiPort(), TlsSettings.ca(ca), "vigil"))) {
            assertThat(await(client.version())).startsWith("7.");
        }
    }

    @Test
    void apiSsl_caFileButCertificateNamesAnotherHost_refused(@TempDir Path dir) throws Exception {
        RouterOsSim.Options o = RouterOsSim.Options.defaults().withTls(true);
        try (RouterOsSim other = SimFixture.sim(new RouterOsSim.Options(
                        InetAddress.getByName("127.0.0.2"),
                        0,
                        true,
                        0,
                        o.personality(),
                        false,
                        true,
                        "vigil",
                        "vigil",
                        o.pingInterval(),
                        dir));
                RouterOsClient client = RouterOsClient.create(new RouterConfig(
                        "router-a",
                        "127.0.0.2",
                        RouterConfig.Transport.API_SSL,
                        other.apiPort(),
                        "vigil",
                        Secret.of("vigil"),
                        TlsSettings.ca(other.certificate().writePem(dir.resolve("other.pem"))),
                        Duration.ofSeconds(3),
                        null))) {
            assertFails(
                    () -> await(client.version()),
                    RouterOsException.Kind.TLS,
                    "No subject alternative names matching IP address 127.0.0.2");
        }
    }

    @Test
    void rest_printSetAndPing_workLikeTheApi() throws Exception {
        try (RouterOsClient client = RouterOsClient.create(
                config(RouterConfig.Transport.REST, sim.restPort(), TlsSettings.pinned(sim.fingerprint()), "vigil"))) {
            List<Map<String, String>> nat =
                    await(client.print("/ip/firewall/nat", List.of(".id", "disabled"), "comment=vigil:nat"));
            assertThat(nat).hasSize(1);
            String id = nat.get(0).get(".id");
            await(client.set("/ip/firewall/nat", id, Map.of("disabled", "true")));
            assertThat(await(client.print("/ip/firewall/nat", List.of("disabled"), ".id=" + id))
                            .get(0))
                    .containsEntry("disabled", "true");
            await(client.set("/ip/firewall/nat", id, Map.of("disabled", "false")));
            RouterPing ping =
                    await(client.ping(InetAddress.getByName("198.51.100.65"), 2, null, null, Duration.ofSeconds(5)));
            assertThat(ping.received()).isEqualTo(2);
        }
    }

    @Test
    void rest_errorJson_becomesTrapWithDetail() {
        try (RouterOsClient client = RouterOsClient.create(
                config(RouterConfig.Transport.REST, sim.restPort(), TlsSettings.pinned(sim.fingerprint()), "vigil"))) {
            assertFails(
                    () -> await(client.set("/ip/firewall/nat", "*99", Map.of("disabled", "true"))),
                    RouterOsException.Kind.TRAP,
                    "/ip/firewall/nat/set failed: no such item (HTTP 404)");
            assertFails(
                    () -> await(client.call(Command.of("/ping").with("address", "198.51.100.65"))),
                    RouterOsException.Kind.TRAP,
                    "Session closed (HTTP 400)");
        }
    }

    @Test
    void rest_wrongPassword_loginError() {
        try (RouterOsClient client = RouterOsClient.create(config(
                RouterConfig.Transport.REST, sim.restPort(), TlsSettings.pinned(sim.fingerprint()), "bad-secret-9"))) {
            assertFails(() -> await(client.version()), RouterOsException.Kind.LOGIN, "refused (HTTP 401)");
        }
    }

    @Test
    void rest_wrongFingerprint_refused() {
        try (RouterOsClient client = RouterOsClient.create(
                config(RouterConfig.Transport.REST, sim.restPort(), TlsSettings.pinned(OTHER_PIN), "vigil"))) {
            assertFails(() -> await(client.version()), RouterOsException.Kind.TLS, "does not match the pinned");
        }
    }
}
