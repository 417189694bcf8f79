package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.packaging.docker.testing.DockerDir;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml checked by Debian's docker-compose (1.29, the Compose-spec validator that runs without an engine;
 * the Compose v2 CLI plugin is not packaged in Debian 12) and read for its structure.
 */
class ComposeFileTest {
    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        Prerequisites.requireCommand("docker-compose", "docker-compose");
        compose = new ObjectMapper(new YAMLFactory()).readTree(DockerDir.read("compose.yaml"));
    }

    private static Commands.Result config(Path file, String... profiles) {
        List<String> argv = new ArrayList<>(List.of(
                "docker-compose", "--project-directory", DockerDir.path(".").toString(), "-f", file.toString()));
        for (String profile : profiles) {
            argv.add("--profile");
            argv.add(profile);
        }
        argv.addAll(List.of("config", "-q"));
        return Commands.run(argv.toArray(String[]::new));
    }

    @Test
    void config_composeFileWithAllProfiles_isValid() {
        Commands.Result result = config(DockerDir.path("compose.yaml"), "mosquitto", "postgres");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isBlank();
    }

    @Test
    void config_composeFileWithAnUnknownKey_isRejected() throws IOException {
        Path broken = Files.createTempFile(DockerDir.path("."), "broken-", ".yaml");
        try {
            Files.writeString(
                    broken,
                    DockerDir.read("compose.yaml").replace("    restart: unless-stopped\n", "    restrat: always\n"),
                    StandardCharsets.UTF_8);

            Commands.Result result = config(broken);

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).contains("restrat");
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    @Test
    void collector_service_buildsFromTheRepositoryWithPersistentData() {
        JsonNode collector = compose.at("/services/collector");

        assertThat(collector.has("profiles"))
                .as("collector starts without a profile")
                .isFalse();
        assertThat(collector.at("/build/dockerfile").asText()).isEqualTo("docker/collector.Dockerfile");
        assertThat(DockerDir.path(collector.at("/build/context").asText())
                        .resolve(collector.at("/build/dockerfile").asText()))
                .exists();
        assertThat(collector.at("/volumes").toString()).contains("collector-data:/var/lib/vigil");
        assertThat(collector.at("/environment/VIGIL_ADMIN_PASSWORD").asText()).doesNotMatch(".*:-\\w+}");
    }

    @Test
    void optionalServices_areBehindTheirProfiles() {
        assertThat(compose.at("/services/mosquitto/profiles").toString()).isEqualTo("[\"mosquitto\"]");
        assertThat(compose.at("/services/postgres/profiles").toString()).isEqualTo("[\"postgres\"]");
    }

    @Test
    void mosquitto_service_mountsConfigFilesThatExist() {
        for (JsonNode volume : compose.at("/services/mosquitto/volumes")) {
            String source = volume.asText().split(":")[0];
            if (source.startsWith("./")) {
                assertThat(DockerDir.path(source)).as(volume.asText()).exists();
            }
        }
        assertThat(compose.at("/services/mosquitto/volumes").toString())
                .contains("./mosquitto/mosquitto.conf:/mosquitto/config/mosquitto.conf:ro");
    }
}
