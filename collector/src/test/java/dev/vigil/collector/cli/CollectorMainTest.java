package dev.vigil.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: provisioning, configuration errors and a taken port. */
class CollectorMainTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CollectorMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void storeOptionBeforeTheSubcommand_isRefusedWithWhereItGoes_andOpensNoStore() {
        Run misplaced = run("--data-dir", dir.toString(), "users", "add", "vera");
        assertThat(misplaced.exit()).isEqualTo(2);
        assertThat(misplaced.err())
                .contains("--data-dir before 'users' would not reach it: put it after the subcommand");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void sitesAdd_newSite_printsCredentialsOnce_andRefusesADuplicate() {
        Run first = run("sites", "add", "acme-hq", "--tag", "acme", "--data-dir", dir.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("username: acme-hq").containsPattern("password: \\S{20,}");
        Run again = run("sites", "add", "acme-hq", "--data-dir", dir.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("exists already");
        assertThat(run("sites", "list", "--data-dir", dir.toString()).out()).contains("acme-hq  acme");
    }

    @Test
    void customersSitesUsers_withCustomer_areScoped_andPasswdResetsOnce() {
        String d = dir.toString();
        assertThat(run("customers", "add", "Alpha <&>", "--data-dir", d).exit()).isZero();
        assertThat(run("customers", "add", "Alpha <&>", "--data-dir", d).err()).contains("exists already");
        assertThat(run("customers", "list", "--data-dir", d).out()).contains("Alpha <&>");
        assertThat(run("sites", "add", "a-one", "--customer", "Alpha <&>", "--data-dir", d)
                        .exit())
                .isZero();
        Run unknown = run("sites", "add", "b-one", "--customer", "Nobody", "--data-dir", d);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no customer named Nobody");
        Run user = run("users", "add", "alice", "--customer", "Alpha <&>", "--data-dir", d);
        assertThat(user.exit()).isZero();
        assertThat(user.out()).contains("created user alice (viewer, Alpha <&>)");
        assertThat(run("users", "list", "--data-dir", d).out()).contains("alice  viewer  Alpha <&>");
        Run reset = run("users", "passwd", "alice", "--data-dir", d);
        assertThat(reset.exit()).isZero();
        assertThat(reset.out()).containsPattern("new password for alice: \\S{20,}  \\(shown once\\)");
        assertThat(run("users", "passwd", "nobody", "--data-dir", d).err()).contains("no user named nobody");
    }

    @Test
    void sitesAdd_invalidName_isExplained() {
        Run r = run("sites", "add", "bad/name", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("must match");
    }

    @Test
    void run_tlsCertWithoutKey_isAConfigurationErrorNamingBothOptions() throws Exception {
        Path cert = dir.resolve("server.pem");
        java.nio.file.Files.writeString(cert, "not checked before the key is there\n");
        Run r = run(
                "--data-dir",
                dir.toString(),
                "--mqtt-port",
                "0",
                "--http-port",
                "0",
                "--mqtt-tls-port",
                "70000",
                "--mqtt-tls-cert",
                cert.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--mqtt-tls-port (VIGIL_MQTT_TLS_PORT): 70000 is not a port")
                .contains("--mqtt-tls-key (VIGIL_MQTT_TLS_KEY): required for MQTT over TLS")
                .doesNotContain("--mqtt-tls-cert");
    }

    @Test
    void run_badSingleSignOnOptions_reportsEveryProblem_neverTheSecret() throws Exception {
        Path secret = dir.resolve("sso-secret");
        Files.writeString(secret, "sso-client-secret-value\n");
        Run r = run(
                "--data-dir",
                dir.toString(),
                "--sso-issuer",
                "id.example.net",
                "--sso-client-id",
                "vigil",
                "--sso-client-secret-file",
                secret.toString(),
                "--sso-scopes",
                "profile",
                "--sso-role-map",
                "vigil-admins=root,broken");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--sso-issuer (VIGIL_SSO_ISSUER): 'id.example.net' must be an https:// URL")
                .contains("--sso-redirect-url (VIGIL_SSO_REDIRECT_URL): required when --public-url is not set")
                .contains("--sso-scopes (VIGIL_SSO_SCOPES): must include openid")
                .contains("--sso-role-claim (VIGIL_SSO_ROLE_CLAIM): required for single sign-on")
                .contains("'vigil-admins=root' does not name a role")
                .contains("'broken' must look like value=role")
                .doesNotContain("sso-client-secret-value");
        Run missing = run(
                "--data-dir",
                dir.toString(),
                "--sso-issuer",
                "https://id.example.net",
                "--sso-client-id",
                "vigil",
                "--sso-client-secret-file",
                dir.resolve("absent").toString());
        assertThat(missing.err()).contains("--sso-client-secret-file (VIGIL_SSO_CLIENT_SECRET_FILE): cannot read");
        Run plain =
                run("--data-dir", dir.toString(), "--sso-issuer", "http://id.example.net", "--sso-client-id", "vigil");
        assertThat(plain.err()).contains("(http:// only for a provider on loopback)");
    }

    @Test
    void run_badOptions_reportsEveryProblemAndExits2() {
        Run r = run(
                "--data-dir",
                dir.toString(),
                "--mqtt-port",
                "70000",
                "--db-url",
                "jdbc:mysql://x/y",
                "--silence-timeout",
                "soon",
                "--broker",
                "http://nope",
                "--mqtt-connect-deadline",
                "10ms",
                "--mqtt-session-expiry",
                "forever");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--mqtt-port")
                .contains("--db-url")
                .contains("--silence-timeout")
                .contains("--broker")
                .contains("--mqtt-connect-deadline (VIGIL_MQTT_CONNECT_DEADLINE): must be a duration of at least 100ms")
                .contains("--mqtt-session-expiry (VIGIL_MQTT_SESSION_EXPIRY): 'forever' is not a duration");
    }

    @Test
    void run_takenMqttPort_failsClearlyWithNonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run(
                    "--data-dir",
                    dir.toString(),
                    "--mqtt-host",
                    "127.0.0.1",
                    "--mqtt-port",
                    String.valueOf(taken.getLocalPort()),
                    "--http-port",
                    "0");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err())
                    .contains("cannot start MQTT endpoint on port " + taken.getLocalPort())
                    .contains("already in use");
        }
    }

    @Test
    void run_takenHttpPort_failsClearlyWithNonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run(
                    "--data-dir",
                    dir.toString(),
                    "--mqtt-port",
                    "0",
                    "--http-host",
                    "127.0.0.1",
                    "--http-port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err())
                    .contains("cannot start HTTP on port " + taken.getLocalPort())
                    .contains("in use");
        }
    }
}
