package dev.vigil.collector.notify.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the notification policy behaves; validated once.
 *
 * @param publicUrl the dashboard's public URL for click and ack links; null leaves them out
 * @param ackValidity how long an ack link works
 * @param settle after a site is back online, how long its other alerts are still held for the summary (the agent
 *     replays what it saw while cut off)
 * @param stormPerMinute past this many notifications to one channel within a minute, the rest go into one digest
 * @param tick how often reminders, escalations, summaries, digests and maintenance transitions are checked
 * @param maxQueued alert changes waiting for the notifier beyond this are dropped (and logged) so that alert handling
 *     never waits for notifications
 */
public record NotifySettings(
        String publicUrl, Duration ackValidity, Duration settle, int stormPerMinute, Duration tick, int maxQueued) {

    public static NotifySettings defaults(String publicUrl) {
        return new NotifySettings(
                publicUrl, Duration.ofHours(24), Duration.ofMinutes(2), 20, Duration.ofSeconds(5), 100_000);
    }

    public NotifySettings {
        List<String> problems = new ArrayList<>();
        if (publicUrl != null && publicUrl.isBlank()) {
            publicUrl = null; // an empty VIGIL_PUBLIC_URL (docker compose's default) means none
        }
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s]+")) {
            problems.add("public URL must start with http:// or https://, not '" + publicUrl + "'");
        }
        if (ackValidity.isNegative() || ackValidity.isZero()) {
            problems.add("ack validity must be positive");
        }
        if (settle.isNegative()) {
            problems.add("settle must not be negative");
        }
        if (stormPerMinute < 1) {
            problems.add("storm threshold must be at least 1 per minute");
        }
        if (tick.toMillis() < 10) {
            problems.add("tick must be at least 10 ms");
        }
        if (maxQueued < 1) {
            problems.add("max queued must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("notify settings: " + String.join("; ", problems));
        }
        publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
    }

    public NotifySettings withSettle(Duration s) {
        return new NotifySettings(publicUrl, ackValidity, s, stormPerMinute, tick, maxQueued);
    }

    public NotifySettings withTick(Duration t) {
        return new NotifySettings(publicUrl, ackValidity, settle, stormPerMinute, t, maxQueued);
    }

    public NotifySettings withStormPerMinute(int n) {
        return new NotifySettings(publicUrl, ackValidity, settle, n, tick, maxQueued);
    }
}
