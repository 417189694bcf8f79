package dev.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RouterOsCommandTest {
    private final RouterOsSim sim = RouterOsSim.start(
            RouterOsSim.Options.defaults(), SimRouter.seeded(SimRouter.Personality.V7, null, 100, true));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void close() {
        sim.close();
    }

    private int run(String... args) {
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void printVrrp_json_listsInstance(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "vigil", StandardCharsets.UTF_8);
        int code = run(
                "routeros",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(sim.apiPort()),
                "--user",
                "vigil",
                "--password-file",
                secret.toString(),
                "--json",
                "print",
                "/interface/vrrp");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"name\" : \"vrrp1\"").contains("\"master\" : \"true\"");
    }

    @Test
    void printWithQuery_keyValueLines(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "vigil", StandardCharsets.UTF_8);
        int code = run(
                "routeros",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(sim.apiPort()),
                "--user",
                "vigil",
                "--password-file",
                secret.toString(),
                "--proplist",
                "name,disabled",
                "print",
                "/ip/dhcp-server",
                "name=dhcp-lan");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("disabled=false name=dhcp-lan");
    }

    @Test
    void wrongPassword_exitOneWithReasonAndNoPassword(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "not-the-one", StandardCharsets.UTF_8);
        int code = run(
                "routeros",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(sim.apiPort()),
                "--user",
                "vigil",
                "--password-file",
                secret.toString(),
                "print",
                "/interface/vrrp");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("refused: invalid user name or password")
                .doesNotContain("not-the-one");
    }

    @Test
    void tlsWithoutPin_refusedBeforeConnecting() {
        int code = run("routeros", "--host", "127.0.0.1", "--tls", "print", "/interface/vrrp");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("need --fingerprint or --ca-file");
    }
}
