package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.notify.Notification;
import dev.vigil.protocol.Json;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * ntfy's JSON publish (https://docs.ntfy.sh/publish/#publish-as-json): POST to the server root with the topic in the
 * body. {@code sequence_id} is the notification's group key, so a resolve replaces the alert's notification on the
 * phone (https://docs.ntfy.sh/publish/#updating-notifications).
 */
final class NtfyRenderer {
    static final String ACK_LABEL = "Acknowledge";
    static final String OPEN_LABEL = "Open";

    private NtfyRenderer() {}

    static List<HttpRequest> render(NtfyTarget t, Notification n) {
        ObjectNode body = Json.object();
        body.put("topic", t.topic());
        body.put("title", n.title());
        body.put("message", n.message());
        body.put("priority", n.priority());
        if (!n.tags().isEmpty()) {
            ArrayNode tags = body.putArray("tags");
            n.tags().forEach(tags::add);
        }
        if (n.clickUrl() != null) {
            body.put("click", n.clickUrl());
        }
        ArrayNode actions = Json.array();
        if (n.ackUrl() != null) {
            actions.addObject()
                    .put("action", "http")
                    .put("label", ACK_LABEL)
                    .put("url", n.ackUrl())
                    .put("method", "POST")
                    .put("clear", true);
        }
        if (n.clickUrl() != null) {
            actions.addObject().put("action", "view").put("label", OPEN_LABEL).put("url", n.clickUrl());
        }
        if (!actions.isEmpty()) {
            body.set("actions", actions);
        }
        if (n.groupKey() != null) {
            body.put("sequence_id", n.groupKey());
        }
        HttpRequest.Builder b = Requests.json(t.server(), body.toString());
        if (t.token() != null) {
            b.header("Authorization", "Bearer " + t.token());
        } else if (t.user() != null) {
            b.header("Authorization", Requests.basic(t.user(), t.password()));
        }
        return List.of(b.build());
    }
}
