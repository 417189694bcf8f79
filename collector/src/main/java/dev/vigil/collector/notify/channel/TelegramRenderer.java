package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.notify.Notification;
import dev.vigil.protocol.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * The Telegram Bot API's sendMessage (https://core.telegram.org/bots/api#sendmessage), one request per chat, with
 * HTML formatting (https://core.telegram.org/bots/api#html-style) and URL buttons in an inline keyboard
 * (https://core.telegram.org/bots/api#inlinekeyboardbutton).
 */
final class TelegramRenderer {
    static final URI API = URI.create("https://api.telegram.org/");

    private TelegramRenderer() {}

    static List<HttpRequest> render(URI api, TelegramTarget t, Notification n) {
        URI uri = api.resolve("/bot" + t.botToken() + "/sendMessage");
        return t.chatIds().stream()
                .map(chat -> Requests.json(uri, body(chat, t, n).toString()).build())
                .toList();
    }

    static ObjectNode body(String chat, TelegramTarget t, Notification n) {
        ObjectNode body = Json.object();
        body.put("chat_id", chat);
        body.put("text", "<b>" + html(n.title()) + "</b>\n" + html(n.message()));
        body.put("parse_mode", "HTML");
        if (t.silent() || n.priority() <= 2) {
            body.put("disable_notification", true);
        }
        ArrayNode row = Json.array();
        if (n.ackUrl() != null) {
            row.addObject().put("text", NtfyRenderer.ACK_LABEL).put("url", n.ackUrl());
        }
        if (n.clickUrl() != null) {
            row.addObject().put("text", NtfyRenderer.OPEN_LABEL).put("url", n.clickUrl());
        }
        if (!row.isEmpty()) {
            body.putObject("reply_markup").putArray("inline_keyboard").add(row);
        }
        return body;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
