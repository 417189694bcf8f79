package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;

/** What the audit log keeps of a channel: its id, name, scheme and masked URL, never the secret parts. */
final class ChannelAudit {
    private ChannelAudit() {}

    static ObjectNode of(LiveChannel c) {
        return Json.object()
                .put("channel", c.ref().id())
                .put("name", c.ref().name())
                .put("scheme", c.ref().scheme())
                .put("url", c.target().masked());
    }
}
