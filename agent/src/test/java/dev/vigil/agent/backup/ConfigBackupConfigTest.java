package dev.vigil.agent.backup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.run.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code config_backup} section as the agent's config file gives it. */
class ConfigBackupConfigTest {
    private static final String BASE = "site: s\nmqtt: {url: 'tcp://192.0.2.1'}\n";

    @TempDir
    Path dir;

    private AgentConfig load(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), BASE + yaml, UTF_8);
        return AgentConfig.load(file, new SecretReader(Map.of(), w -> {}));
    }

    @Test
    void absent_dailySecretsHiddenFirstAfterAMinute() throws Exception {
        ConfigBackupConfig c = load("").configBackup();

        assertThat(c).isEqualTo(ConfigBackupConfig.defaults());
        assertThat(c.enabled()).isTrue();
        assertThat(c.interval()).isEqualTo(Duration.ofHours(24));
        assertThat(c.showSensitive()).isFalse();
        assertThat(c.firstDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyKey_read() throws Exception {
        ConfigBackupConfig c =
                load("config_backup: {enabled: false, interval: 6h, show_sensitive: true, first_delay: 0s, timeout: 2m}\n")
                        .configBackup();

        assertThat(c)
                .isEqualTo(
                        new ConfigBackupConfig(false, Duration.ofHours(6), true, Duration.ZERO, Duration.ofMinutes(2)));
    }

    @Test
    void badValues_everyProblemNamedAtOnce() throws Exception {
        List<String> problems;
        try {
            load("config_backup: {interval: 30s, show_sensitive: 'yes', intervall: 1h}\n");
            throw new AssertionError("expected the config to be refused");
        } catch (ConfigInvalidException e) {
            problems = e.problems().stream().map(ConfigProblem::toString).toList();
        }

        assertThat(problems)
                .anySatisfy(
                        p -> assertThat(p).startsWith("config_backup.interval = '30s': must be a duration from 5m"));
        assertThat(problems)
                .anySatisfy(
                        p -> assertThat(p).startsWith("config_backup.show_sensitive = 'yes': must be true or false"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("config_backup.intervall"));
    }
}
