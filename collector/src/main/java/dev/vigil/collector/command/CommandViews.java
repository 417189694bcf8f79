package dev.vigil.collector.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;

/** A command as the API and the live stream show it (never the signature or the key). */
final class CommandViews {
    private CommandViews() {}

    static ObjectNode api(CommandRecord c) {
        ObjectNode n = Json.object()
                .put("id", c.id())
                .put("site", c.site())
                .put("action", c.action())
                .put("issuer", c.issuer())
                .put("issued_at", c.issuedAt().toString())
                .put("expires_at", c.expiresAt().toString())
                .put("status", c.status())
                .put("updated_at", c.updatedAt().toString())
                .put("url", "/api/commands/" + c.id())
                .put("site_url", "/api/sites/" + c.site() + "/commands");
        n.set("args", c.args().deepCopy());
        n.put("reason", c.reason());
        n.put("detail", c.detail());
        n.set("result", c.result());
        n.set("drill", c.drill());
        return n;
    }
}
