package dev.vigil.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckConfigCommandTest {
    private static final String EXAMPLE = "src/main/dist/agent.yaml";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void checkConfig_validFile_exit0AndSummary() throws Exception {
        Path file = Files.writeString(dir.resolve("a.yaml"), "site: s1\nmqtt: {url: 'tcp://192.0.2.1:1883'}\n", UTF_8);

        assertThat(run("check-config", file.toString())).isZero();
        assertThat(out.toString()).contains("valid (site s1, broker tcp://192.0.2.1:1883");
    }

    @Test
    void checkConfig_badFile_exit1AndEveryProblemListed() throws Exception {
        Path file =
                Files.writeString(dir.resolve("b.yaml"), "site: s1\nmqtt: {url: nope, inflight: -1}\nx: 1\n", UTF_8);

        assertThat(run("check-config", file.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains("3 problems")
                .contains("b.yaml: x: unknown key")
                .contains("b.yaml: mqtt.url = 'nope'")
                .contains("b.yaml: mqtt.inflight = '-1'");
    }

    @Test
    void checkConfig_exampleSyntaxOnly_exit0AndListsWhatItDidNotRead() {
        assertThat(run("check-config", "--syntax-only", EXAMPLE)).isZero();

        assertThat(out.toString())
                .contains(EXAMPLE + ": valid (syntax only) (site acme-hq, broker ssl://collector.example:8883")
                .contains("not read (--syntax-only): /etc/vigil/router-a.secret, /etc/vigil/router-b.secret,"
                        + " /etc/vigil/mqtt.secret, /etc/vigil/collector-ca.pem, /etc/vigil/collector-command.pub\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void checkConfig_exampleWithoutItsFiles_exit1NamesEachMissingFileAndTheSyntaxOnlyCheck() throws Exception {
        Path absent = dir.resolve("etc-vigil");
        Path file = Files.writeString(
                dir.resolve("agent.yaml"),
                Files.readString(Path.of(EXAMPLE), UTF_8).replace("/etc/vigil", absent.toString()),
                UTF_8);

        assertThat(run("check-config", file.toString())).isEqualTo(1);

        assertThat(err.toString())
                .contains("5 problems")
                .contains("routers[0].password_file = '" + absent.resolve("router-a.secret") + "': the file does not"
                        + " exist")
                .contains("mqtt.ca_file = '" + absent.resolve("collector-ca.pem") + "': the file does not exist")
                .contains("missing on this machine: " + absent.resolve("router-a.secret") + ", "
                        + absent.resolve("router-b.secret") + ", " + absent.resolve("mqtt.secret") + ", "
                        + absent.resolve("collector-ca.pem") + ", " + absent.resolve("collector-command.pub")
                        + " (the agent reads them when it starts; to check the"
                        + " rest without them: check-config --syntax-only " + file + ")");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void checkConfig_syntaxOnlyWithBadValues_stillExit1AndNeverMentionsTheUnreadSecrets() throws Exception {
        Path file = Files.writeString(
                dir.resolve("e.yaml"),
                "site: s1\nmqtt: {url: nope, username: u, password_env: VIGIL_TEST_UNSET_PW}\n"
                        + "routers: [{name: r1, host: 192.0.2.2, username: u, password_file: /nonexistent/r1}]\n",
                UTF_8);

        assertThat(run("check-config", "--syntax-only", file.toString())).isEqualTo(1);

        assertThat(err.toString())
                .contains("1 problem")
                .contains("e.yaml: mqtt.url = 'nope'")
                .doesNotContain("/nonexistent/r1")
                .doesNotContain("VIGIL_TEST_UNSET_PW");
    }

    @Test
    void checkConfig_badCommandsKey_oneLineProblemThatNeverEchoesTheKey() throws Exception {
        String notAKey = "MCowBQYDK2VwAyEAnotreallyakeyatall0000000000000000000000";
        Path file = Files.writeString(
                dir.resolve("k.yaml"),
                "site: s1\nmqtt: {url: 'tcp://192.0.2.1:1883'}\ncommands: {public_key: '" + notAKey + "'}\n",
                UTF_8);

        assertThat(run("check-config", file.toString())).isEqualTo(1);

        assertThat(err.toString())
                .contains("1 problem")
                .contains("k.yaml: commands.public_key: is not an Ed25519 public key")
                .doesNotContain(notAKey)
                .doesNotContain("Exception");
        assertThat(err.toString().lines().filter(l -> l.contains("public_key"))).hasSize(1);
    }

    @Test
    void run_exampleWithoutItsSecrets_refusesToStart() throws Exception {
        Path file = Files.writeString(
                dir.resolve("agent.yaml"),
                Files.readString(Path.of(EXAMPLE), UTF_8)
                        .replace("/etc/vigil", dir.resolve("absent").toString()),
                UTF_8);

        assertThat(run("run", "--config", file.toString())).isEqualTo(1);

        assertThat(err.toString())
                .contains("router-a.secret': the file does not exist")
                .contains("not started");
    }

    @Test
    void run_partCannotStart_exit1WithItsReason() throws Exception {
        Path file = Files.writeString(
                dir.resolve("d.yaml"),
                "site: s1\nvrrp: {interfaces: [nosuch0]}\nmqtt: {url: 'tcp://127.0.0.1:1'}\n" + "outbox: {dir: '"
                        + dir.resolve("outbox") + "'}\nhttp: {enabled: false}\n",
                UTF_8);

        assertThat(run("run", "--config", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("vigil-agent: cannot start: ").contains("nosuch0");
    }

    @Test
    void run_badFile_refusesToStartWithExit1() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "site: s1\n", UTF_8);

        assertThat(run("run", "--config", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("mqtt: is required").contains("not started");
    }
}
