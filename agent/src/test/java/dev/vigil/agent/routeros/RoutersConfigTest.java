package dev.vigil.agent.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.config.SecretReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutersConfigTest {
    private static final String PIN = "sha256:" + "AB:".repeat(31) + "CD";
    private final List<ConfigProblem> problems = new ArrayList<>();

    private RoutersConfig parse(String text) throws Exception {
        ConfigNode root = ConfigNode.root(new ObjectMapper(new YAMLFactory()).readTree(text), problems);
        return RoutersConfig.parse(root, new SecretReader(Map.of("ROUTER_B_PW", "pw-b"), w -> {}));
    }

    @Test
    void parse_twoRouters_readsTransportsSecretsAndPins(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("a.secret");
        Files.writeString(secret, "pw-a\n", StandardCharsets.UTF_8);
        RoutersConfig config = parse(String.format(java.util.Locale.ROOT, """
                routers:
                  - {name: router-a, host: 192.0.2.2, username: vigil, password_file: %s}
                  - name: router-b
                    host: 192.0.2.3
                    transport: api-ssl
                    password_env: ROUTER_B_PW
                    tls: {fingerprint: "%s"}
                    timeout: 3s
                """, secret, PIN));
        assertThat(problems).isEmpty();
        RouterConfig a = config.router("router-a").orElseThrow();
        assertThat(a.transport()).isEqualTo(RouterConfig.Transport.API);
        assertThat(a.port()).isEqualTo(8728);
        assertThat(a.password().reveal()).isEqualTo("pw-a");
        RouterConfig b = config.router("router-b").orElseThrow();
        assertThat(b.port()).isEqualTo(8729);
        assertThat(TlsSettings.format(b.tls().fingerprint())).isEqualTo(PIN);
        assertThat(b.toString()).doesNotContain("pw-b");
    }

    @Test
    void parse_badRouters_everyProblemReportedAndNoSecretShown() throws Exception {
        parse("""
                routers:
                  - {name: router-a, host: 192.0.2.2, password: hunter2-inline}
                  - {name: router-a, host: 192.0.2.3, transport: api-ssl}
                  - {name: router-c, host: 192.0.2.4, transport: rest, tls: {fingerprint: "sha256:12"}, port: 70000}
                  - {host: 192.0.2.5, transport: telnet}
                """);
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .contains(
                        "routers[0].password",
                        "routers[1].name",
                        "routers[1].tls",
                        "routers[2].tls.fingerprint",
                        "routers[2].port",
                        "routers[3].name",
                        "routers[3].transport");
        assertThat(problems).extracting(ConfigProblem::toString).noneMatch(p -> p.contains("hunter2-inline"));
    }
}
