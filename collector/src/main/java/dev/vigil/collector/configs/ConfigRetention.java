package dev.vigil.collector.configs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How many configuration versions are kept per router: at most {@code keep} (0 = no limit by count), and none whose
 * {@code last_confirmed_at} is older than {@code maxAge} (zero = no limit by age). The latest version of a router is
 * never deleted.
 */
public record ConfigRetention(int keep, Duration maxAge) {
    public static final ConfigRetention DEFAULT = new ConfigRetention(100, Duration.ZERO);

    /** Adds a line per problem to {@code out}. */
    public void check(List<String> out) {
        if (keep < 0) {
            out.add(
                    "--config-versions (VIGIL_CONFIG_VERSIONS): must be 0 (no limit) or a positive number, such as 100");
        }
        if (maxAge == null || maxAge.isNegative()) {
            out.add("--config-max-age (VIGIL_CONFIG_MAX_AGE): must be zero (no limit) or a positive duration such as"
                    + " 365d");
        }
    }

    /** Versions last confirmed before this instant may go; null when there is no age limit. */
    Instant cutoff(Instant now) {
        return maxAge == null || maxAge.isZero() ? null : now.minus(maxAge);
    }
}
