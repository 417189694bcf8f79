package dev.vigil.agent.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.config.NamedInputs;
import dev.vigil.agent.config.SecretReader;
import dev.vigil.protocol.CommandKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code commands} section of the agent config. */
class CommandsConfigTest {
    private static final String BASE = "site: acme-hq\nmqtt: {url: 'tcp://192.0.2.1:1883'}\n";
    private static final PublicKey KEY = CommandKeys.generate().getPublic();

    @TempDir
    Path dir;

    @Test
    void noSection_commandsOff_defaults() throws Exception {
        AgentConfig config = load(BASE + "outbox: {dir: /srv/vigil/outbox}\n");

        assertThat(config.commands().key()).isEmpty();
        assertThat(config.commands().maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.commands().stateDir()).isEqualTo(Path.of("/srv/vigil/commands"));
    }

    @Test
    void inlineKeyAndSettings_parsed() throws Exception {
        AgentConfig config = load(BASE + "commands: {public_key: '" + CommandKeys.publicKeyText(KEY)
                + "', max_clock_skew: 30s, state_dir: /srv/cmd}\n");

        assertThat(config.commands().key()).contains(KEY);
        assertThat(config.commands().maxClockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.commands().stateDir()).isEqualTo(Path.of("/srv/cmd"));
    }

    @Test
    void keyFileInPemForm_parsed() throws Exception {
        Path pem = Files.writeString(
                dir.resolve("collector.pub"),
                "-----BEGIN PUBLIC KEY-----\n" + CommandKeys.publicKeyText(KEY) + "\n-----END PUBLIC KEY-----\n",
                UTF_8);

        AgentConfig config = load(BASE + "commands: {public_key_file: " + pem + "}\n");

        assertThat(config.commands().key()).contains(KEY);
    }

    @Test
    void badKeys_oneProblemEach_neverTheKeyText() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pub"), "c2VjcmV0LWxvb2tpbmctdGV4dA==\n", UTF_8);

        assertThat(problems(BASE + "commands: {public_key: 'not base64 !!'}\n"))
                .containsExactly("commands.public_key: is not base64: expected an Ed25519 public key");
        assertThat(problems(BASE + "commands: {public_key_file: " + junk + "}\n"))
                .containsExactly("commands.public_key_file = '" + junk
                        + "': is not an Ed25519 public key (X.509 SubjectPublicKeyInfo, base64)");
        assertThat(problems(BASE + "commands: {public_key: {nested: 1}}\n"))
                .containsExactly(
                        "commands.public_key: must be an Ed25519 public key as one line of base64 or PEM text");
        assertThat(problems(BASE + "commands: {public_key: a, public_key_file: /x, max_clock_skew: 2h, kee: 1}\n"))
                .hasSize(3)
                .anyMatch(p -> p.contains("not both"))
                .anyMatch(p -> p.startsWith("commands.max_clock_skew = '2h'"))
                .anyMatch(p -> p.startsWith("commands.kee: unknown key"));
    }

    @Test
    void syntaxOnly_keyFileListedNotRead() throws Exception {
        Path file = Files.writeString(
                dir.resolve("agent.yaml"), BASE + "commands: {public_key_file: /nonexistent/collector.pub}\n", UTF_8);
        NamedInputs inputs = NamedInputs.listOnly();

        AgentConfig config = AgentConfig.load(file, new SecretReader(Map.of(), w -> {}), inputs);

        assertThat(config.commands().key()).isEmpty();
        assertThat(inputs.unread()).containsExactly("/nonexistent/collector.pub");
    }

    private AgentConfig load(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), yaml, UTF_8);
        return AgentConfig.load(file, new SecretReader(Map.of(), w -> {}));
    }

    private List<String> problems(String yaml) throws Exception {
        try {
            load(yaml);
        } catch (ConfigInvalidException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be refused:\n" + yaml);
    }
}
