package dev.vigil.collector.configs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.config.CollectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigRetentionTest {
    @Test
    void defaults_keep100VersionsWithoutAnAgeLimit_andNegativeLimitsAreConfigErrors() {
        CollectorConfig config = CollectorConfig.defaults(Path.of("data"));
        assertThat(config.configRetention()).isEqualTo(new ConfigRetention(100, Duration.ZERO));
        assertThat(config.problems()).isEmpty();
        assertThat(config.withConfigRetention(new ConfigRetention(-1, Duration.ofDays(-1)))
                        .problems())
                .containsExactly(
                        "--config-versions (VIGIL_CONFIG_VERSIONS): must be 0 (no limit) or a positive number, such as"
                                + " 100",
                        "--config-max-age (VIGIL_CONFIG_MAX_AGE): must be zero (no limit) or a positive duration such"
                                + " as 365d");
    }
}
