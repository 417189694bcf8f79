package dev.vigil.collector.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import dev.vigil.collector.testing.TestPki;
import dev.vigil.protocol.Severity;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/** mailto:// and mailtos:// against a real SMTP server (SubEthaSMTP) in this JVM: AUTH, STARTTLS and implicit TLS. */
class MailSenderTest {
    private static final String USER = "alerts@example.com";
    private static final String PASSWORD = "smtp-Secret-42";
    private static final Notification ALERT = new Notification(
            NotificationKind.ALERT,
            "01JALERT0000000000000000AA",
            "acme-hq",
            "wan_down",
            Severity.CRITICAL,
            5,
            "acme-hq: WAN wan1 down",
            "WAN wan1 lost 100% of probes for 30 s",
            List.of(),
            "https://vigil.example.net/#/sites/acme-hq",
            "https://vigil.example.net/api/ack/tok123",
            "a-01JALERT");

    @TempDir
    static Path pkiDir;

    private static SSLContext serverTls;
    private static SSLSocketFactory clientTrust;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private SMTPServer server;

    @BeforeAll
    static void pki() throws Exception {
        TestPki pki = new TestPki(pkiDir);
        pki.createCa("smtp");
        pki.createServer("smtp");
        serverTls = pki.serverContext();
        clientTrust = TestPki.trusting(pkiDir.resolve("smtp-ca.pem"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private SMTPServer.Builder builder() {
        return SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .requireAuth()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                }))
                .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, java.io.InputStream data)
                            throws java.io.IOException {
                        received.add("FROM " + from + "\nTO " + recipient + "\n"
                                + new String(data.readAllBytes(), StandardCharsets.UTF_8));
                    }
                });
    }

    private Attempt send(String url) {
        return new MailSender((MailTarget) ChannelUrls.parse(url), clientTrust).send(ALERT);
    }

    private static String userInfo(String password) {
        return "alerts%40example.com:" + password + "@";
    }

    @Test
    void mailto_serverOffersStartTls_upgradesAuthenticatesAndDelivers() {
        // AUTH is only advertised after STARTTLS here, so delivery proves the upgrade happened
        server = builder()
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(serverTls)
                .build();
        server.start();

        Attempt a = send(
                "mailto://" + userInfo(PASSWORD) + "127.0.0.1:" + server.getPortAllocated() + "/oncall@example.com");

        assertThat(a.result()).isEqualTo(Attempt.Result.DELIVERED);
        assertThat(a.detail()).startsWith("SMTP 250");
        assertThat(received).hasSize(1);
        String mail = received.get(0);
        assertThat(mail).startsWith("FROM alerts@example.com\nTO oncall@example.com\n");
        assertThat(mail).contains("Subject: acme-hq: WAN wan1 down");
        assertThat(mail).contains("References: <a-01JALERT@vigil>");
        assertThat(mail).contains("Acknowledge: https://vigil.example.net/api/ack/tok123");
    }

    @Test
    void mailtos_implicitTls_authenticatesAndDelivers() {
        server = builder().serverSocketFactory(serverTls).build();
        server.start();

        Attempt a = send("mailtos://" + userInfo(PASSWORD) + "127.0.0.1:" + server.getPortAllocated()
                + "/oncall@example.com?from=noc@example.com&name=Vigil%20NOC");

        assertThat(a.result()).isEqualTo(Attempt.Result.DELIVERED);
        assertThat(received)
                .singleElement()
                .asString()
                .startsWith("FROM noc@example.com\nTO oncall@example.com\n")
                .contains("From: Vigil NOC <noc@example.com>");
    }

    @Test
    void mailtos_wrongPassword_failsPermanentlyWithoutThePassword() {
        server = builder().serverSocketFactory(serverTls).build();
        server.start();

        Attempt a = send("mailtos://" + userInfo("wrong-Secret-99") + "127.0.0.1:" + server.getPortAllocated()
                + "/oncall@example.com");

        assertThat(a.result()).isEqualTo(Attempt.Result.PERMANENT);
        assertThat(a.detail()).startsWith("SMTP authentication failed").doesNotContain("wrong-Secret-99");
        assertThat(received).isEmpty();
    }

    @Test
    void mailto_startTlsRequiredButNotOffered_failsPermanently() {
        server = builder().build();
        server.start();

        Attempt a = send("mailto://" + userInfo(PASSWORD) + "127.0.0.1:" + server.getPortAllocated()
                + "/oncall@example.com?mode=starttls");

        assertThat(a.result()).isEqualTo(Attempt.Result.PERMANENT);
        assertThat(a.detail()).contains("STARTTLS");
        assertThat(received).isEmpty();
    }

    @Test
    void mailto_nothingListening_isTransient() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Attempt a = send("mailto://" + userInfo(PASSWORD) + "127.0.0.1:" + closedPort + "/oncall@example.com");
        assertThat(a.result()).isEqualTo(Attempt.Result.TRANSIENT);
        assertThat(a.detail()).startsWith("SMTP error:").doesNotContain(PASSWORD);
    }
}
