package dev.vigil.agent.vrrp.lab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.cli.AgentMainAccess;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.SiteLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * VRRPv2 authentication from real keepalived: AH (IP protocol 51, missed by an {@code ip proto 112} filter) and a
 * simple password that must never be printed. The lab has no auth option: the test adds an authentication block to
 * both routers' keepalived.conf and restarts them.
 */
class AuthLabTest {
    private static final String PASSWORD = "vigil123";

    private static void authenticate(SiteLab lab, String type) throws Exception {
        for (Router r : Router.values()) {
            lab.stopRouter(r);
        }
        for (Router r : Router.values()) {
            Path conf = lab.keepalivedConfig(r);
            String text = Files.readString(conf, UTF_8)
                    .replace(
                            "  virtual_ipaddress {",
                            "  authentication {\n    auth_type " + type + "\n    auth_pass " + PASSWORD
                                    + "\n  }\n  virtual_ipaddress {");
            Files.writeString(conf, text, UTF_8);
        }
        for (Router r : Router.values()) {
            lab.startRouter(r);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> lab.master().isPresent());
    }

    private static String sniff(SiteLab lab) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = lab.runIn(
                Host.AGENT,
                () -> AgentMainAccess.execute(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "sniff",
                        "--interface",
                        lab.lanInterface(Host.AGENT),
                        "--json",
                        "--adverts",
                        "--for",
                        "3s"));
        assertThat(code).as(err.toString()).isZero();
        return out + err.toString();
    }

    @Test
    void v2WithAh_advertsDecodedThroughProtocol51() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(2)
                .advertInterval(Duration.ofSeconds(1))
                .start()) {
            authenticate(lab, "AH");
            String out = sniff(lab);

            assertThat(out)
                    .contains("\"type\":\"vrrp.advert\"")
                    .contains("\"auth\":\"ah\"")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void v2WithSimplePassword_advertsSaySimpleAndNeverThePassword() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(2)
                .advertInterval(Duration.ofSeconds(1))
                .start()) {
            authenticate(lab, "PASS");
            String out = sniff(lab);

            assertThat(out).contains("\"auth\":\"simple\"").doesNotContain(PASSWORD);
        }
    }
}
