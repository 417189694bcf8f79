package dev.vigil.collector.notify;

import dev.vigil.protocol.Severity;
import java.util.List;

/**
 * One message to one person's channel, already decided by the routing policy; channels only render and deliver it.
 *
 * @param kind why it is sent (first alert, reminder, escalation, resolve, digest, summary, test)
 * @param alertId the alert it is about, null for digests, summaries and tests
 * @param site the site it is about, null for digests spanning several sites
 * @param rule the alert's rule (its kind, e.g. {@code wan_down}), null when not about one alert
 * @param priority 1 (min) to 5 (urgent), ntfy's scale; channels map it onto their own
 * @param tags short words (ntfy tags / emoji names), may be empty
 * @param clickUrl where tapping the notification leads (the site in the dashboard), null when unknown
 * @param ackUrl a single-use link that acknowledges the alert without a login, null when there is nothing to ack
 * @param groupKey the same for every message about one alert, so a resolve can replace the notification (ntfy
 *     sequence id, e-mail thread); safe for URLs: {@code [A-Za-z0-9_-]{1,64}}
 */
public record Notification(
        NotificationKind kind,
        String alertId,
        String site,
        String rule,
        Severity severity,
        int priority,
        String title,
        String message,
        List<String> tags,
        String clickUrl,
        String ackUrl,
        String groupKey) {

    public Notification {
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("priority must be 1..5, not " + priority);
        }
        tags = List.copyOf(tags);
    }
}
