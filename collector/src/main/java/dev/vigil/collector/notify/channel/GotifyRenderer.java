package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.notify.Notification;
import dev.vigil.protocol.Json;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * Gotify's create-message API (https://gotify.net/api-docs#/message/createMessage): POST /message with the
 * application token in {@code X-Gotify-Key}; the click URL as the {@code client::notification} extra
 * (https://gotify.net/docs/msgextras). Gotify has no action buttons, so the ack link goes in the text.
 */
final class GotifyRenderer {
    /** ntfy's 1..5 onto Gotify's 0..10, where the Android app sounds from 4 and pops up from 8. */
    private static final int[] PRIORITY = {0, 2, 4, 5, 8, 10};

    private GotifyRenderer() {}

    static List<HttpRequest> render(GotifyTarget t, Notification n) {
        ObjectNode body = Json.object();
        body.put("title", n.title());
        body.put("message", TextRendering.withLinks(n));
        body.put("priority", PRIORITY[n.priority()]);
        ObjectNode extras = body.putObject("extras");
        extras.putObject("client::display").put("contentType", "text/plain");
        if (n.clickUrl() != null) {
            extras.putObject("client::notification").putObject("click").put("url", n.clickUrl());
        }
        return List.of(Requests.json(t.messageUri(), body.toString())
                .header("X-Gotify-Key", t.token())
                .build());
    }

    static int priority(int ntfyPriority) {
        return PRIORITY[ntfyPriority];
    }
}
