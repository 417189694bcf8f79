package dev.vigil.agent.publish;

import dev.vigil.agent.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code outbox} section.
 *
 * @param dir where the segment files live; must be on persistent storage
 */
public record OutboxConfig(Path dir, OutboxSettings settings) {
    public static final Path DEFAULT_DIR = Path.of("/var/lib/vigil/outbox");
    public static final long MIN_BYTES = 64 * 1024;
    public static final long MAX_BYTES = 16L * 1024 * 1024 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

    public static OutboxConfig parse(ConfigNode node) {
        node.allowOnly("dir", "max_bytes", "fsync", "fsync_interval", "fsync_batch");
        Path dir = node.path("dir", DEFAULT_DIR);
        long maxBytes = size(node, "max_bytes", OutboxSettings.DEFAULT_MAX_BYTES);
        String fsync = node.oneOf("fsync", "batch", "always", "batch", "never");
        Duration interval = node.duration(
                "fsync_interval", OutboxSettings.DEFAULT_FSYNC_INTERVAL, Duration.ofMillis(1), Duration.ofSeconds(10));
        int batch = node.integer("fsync_batch", OutboxSettings.DEFAULT_FSYNC_BATCH, 1, 100_000);
        if (!"batch".equals(fsync)) {
            for (String key : new String[] {"fsync_interval", "fsync_batch"}) {
                if (node.has(key)) {
                    node.problem(key, node.child(key).text(), "only applies to fsync: batch");
                }
            }
        }
        FsyncPolicy policy = FsyncPolicy.valueOf(fsync.toUpperCase(Locale.ROOT));
        return new OutboxConfig(dir, OutboxSettings.of(maxBytes, policy, interval, batch));
    }

    /** Sizes are bytes, or a number with B, KB, MB, GB (binary: 1 KB = 1024 bytes; KiB, MiB, GiB also accepted). */
    static long size(ConfigNode node, String key, long defaultValue) {
        String text = node.string(key, null);
        if (text == null) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches() && m.group(1).length() < 12) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2);
            long bytes = n
                    << switch (unit.charAt(0)) {
                        case 'k' -> 10;
                        case 'm' -> 20;
                        case 'g' -> 30;
                        default -> 0;
                    };
            if (bytes >= MIN_BYTES && bytes <= MAX_BYTES) {
                return bytes;
            }
        }
        node.problem(key, text, "must be a size from 64KB to 16GB written like 64MB, 512KB, 1GB or a number of bytes");
        return defaultValue;
    }
}
