package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.Notification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushover's message API (https://pushover.net/api): a form POST to {@code /1/messages.json}. The one supplementary
 * URL is the ack link when there is one, else the site; emergency priority (2) repeats every {@link #RETRY_S} s for
 * {@link #EXPIRE_S} s until seen.
 */
final class PushoverRenderer {
    static final URI API = URI.create("https://api.pushover.net/");
    static final int RETRY_S = 60;
    static final int EXPIRE_S = 3600;
    /** ntfy's 1..5 onto Pushover's -2..2. */
    private static final int[] PRIORITY = {0, -2, -1, 0, 1, 2};

    private PushoverRenderer() {}

    static List<HttpRequest> render(URI api, PushoverTarget t, Notification n) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", t.token());
        f.put("user", t.userKey());
        f.put("title", n.title());
        int priority = PRIORITY[n.priority()];
        f.put("priority", Integer.toString(priority));
        if (priority == 2) {
            f.put("retry", Integer.toString(RETRY_S));
            f.put("expire", Integer.toString(EXPIRE_S));
        }
        if (n.ackUrl() != null) {
            f.put("url", n.ackUrl());
            f.put("url_title", NtfyRenderer.ACK_LABEL);
            f.put("message", n.clickUrl() == null ? n.message() : n.message() + "\n\nOpen: " + n.clickUrl());
        } else {
            f.put("message", n.message());
            if (n.clickUrl() != null) {
                f.put("url", n.clickUrl());
                f.put("url_title", "Open in Vigil");
            }
        }
        if (!t.devices().isEmpty()) {
            f.put("device", String.join(",", t.devices()));
        }
        if (t.sound() != null) {
            f.put("sound", t.sound());
        }
        return List.of(Requests.form(api.resolve("/1/messages.json"), f).build());
    }
}
