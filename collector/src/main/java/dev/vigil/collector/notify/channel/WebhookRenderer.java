package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.notify.Notification;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * The generic webhook body (docs/alerts.md): Apprise's JSON fields ({@code version}, {@code title}, {@code message},
 * {@code type}), Vigil's own, and {@code text}/{@code content} so the same body posts to Slack, Teams and Discord
 * incoming webhooks unchanged.
 */
final class WebhookRenderer {
    private WebhookRenderer() {}

    static List<HttpRequest> render(WebhookTarget t, Notification n) {
        HttpRequest.Builder b = Requests.json(t.uri(), body(n).toString());
        if (t.user() != null) {
            b.header("Authorization", Requests.basic(t.user(), t.password()));
        }
        t.headers().forEach(b::header);
        return List.of(b.build());
    }

    static ObjectNode body(Notification n) {
        ObjectNode body = Json.object();
        body.put("version", "1.0");
        body.put("title", n.title());
        body.put("message", n.message());
        body.put("type", type(n));
        body.put("kind", n.kind().name().toLowerCase(java.util.Locale.ROOT));
        body.put("alert_id", n.alertId());
        body.put("site", n.site());
        body.put("rule", n.rule());
        body.put("severity", n.severity() == null ? null : n.severity().wireName());
        body.put("priority", n.priority());
        ArrayNode tags = body.putArray("tags");
        n.tags().forEach(tags::add);
        body.put("click_url", n.clickUrl());
        body.put("ack_url", n.ackUrl());
        body.put("group_key", n.groupKey());
        String line = "*" + n.title() + "*\n" + TextRendering.withLinks(n);
        body.put("text", line);
        body.put("content", line.length() > 2000 ? line.substring(0, 2000) : line);
        return body;
    }

    /** Apprise's notification types. */
    private static String type(Notification n) {
        if (n.kind() == dev.vigil.collector.notify.NotificationKind.RESOLVED) {
            return "success";
        }
        if (n.severity() == Severity.CRITICAL) {
            return "failure";
        }
        return n.severity() == Severity.WARNING ? "warning" : "info";
    }
}
