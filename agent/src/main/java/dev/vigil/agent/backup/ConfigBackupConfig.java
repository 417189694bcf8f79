package dev.vigil.agent.backup;

import dev.vigil.agent.config.ConfigNode;
import java.time.Duration;

/**
 * The {@code config_backup} section (docs/config-backup.md): whether and how often every router's configuration is
 * exported and sent to the collector.
 *
 * @param enabled off stops the schedule and the {@code backup_config} command; on does nothing without routers
 * @param interval time between two exports of the same router
 * @param showSensitive include passwords and keys in the export (off: RouterOS leaves them out)
 * @param firstDelay time from start to the first export
 * @param timeout deadline of the {@code /export} call itself; every other call has the router's {@code timeout}
 */
public record ConfigBackupConfig(
        boolean enabled, Duration interval, boolean showSensitive, Duration firstDelay, Duration timeout) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(24);
    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofMinutes(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public static ConfigBackupConfig defaults() {
        return new ConfigBackupConfig(true, DEFAULT_INTERVAL, false, DEFAULT_FIRST_DELAY, DEFAULT_TIMEOUT);
    }

    public static ConfigBackupConfig parse(ConfigNode node) {
        node.allowOnly("enabled", "interval", "show_sensitive", "first_delay", "timeout");
        return new ConfigBackupConfig(
                node.bool("enabled", true),
                node.duration("interval", DEFAULT_INTERVAL, Duration.ofMinutes(5), Duration.ofDays(31)),
                node.bool("show_sensitive", false),
                node.duration("first_delay", DEFAULT_FIRST_DELAY, Duration.ZERO, Duration.ofHours(24)),
                node.duration("timeout", DEFAULT_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }

    public ConfigBackupConfig withInterval(Duration interval, Duration firstDelay) {
        return new ConfigBackupConfig(enabled, interval, showSensitive, firstDelay, timeout);
    }

    public ConfigBackupConfig withShowSensitive(boolean show) {
        return new ConfigBackupConfig(enabled, interval, show, firstDelay, timeout);
    }

    public ConfigBackupConfig withTimeout(Duration timeout) {
        return new ConfigBackupConfig(enabled, interval, showSensitive, firstDelay, timeout);
    }
}
