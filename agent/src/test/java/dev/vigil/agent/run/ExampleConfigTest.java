package dev.vigil.agent.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.SecretReader;
import dev.vigil.protocol.CommandKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example config shipped with the agent must stay valid: only its secret and CA paths are swapped. */
class ExampleConfigTest {
    @TempDir
    Path dir;

    @Test
    void exampleConfig_withItsFilesPresent_isValid() throws Exception {
        String yaml = Files.readString(Path.of("src/main/dist/agent.yaml"), UTF_8);
        for (String name : List.of("mqtt.secret", "collector-ca.pem", "router-a.secret", "router-b.secret", "ca.pem")) {
            Path file = Files.writeString(dir.resolve(name), "placeholder\n", UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            yaml = yaml.replace("/etc/vigil/" + name, file.toString());
        }
        Path publicKey = Files.writeString(
                dir.resolve("collector-command.pub"),
                CommandKeys.publicKeyText(CommandKeys.generate().getPublic()) + "\n",
                UTF_8);
        yaml = yaml.replace("/etc/vigil/collector-command.pub", publicKey.toString());
        Path config = Files.writeString(dir.resolve("agent.yaml"), yaml, UTF_8);
        List<String> warnings = new ArrayList<>();

        AgentConfig parsed = AgentConfig.load(config, new SecretReader(Map.of(), warnings::add));

        assertThat(parsed.site()).isEqualTo("acme-hq");
        assertThat(parsed.commands().key()).isPresent();
        assertThat(parsed.commands().stateDir()).isEqualTo(Path.of("/var/lib/vigil/commands"));
        assertThat(warnings).isEmpty();
    }
}
