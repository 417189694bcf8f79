package dev.vigil.agent.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;
import java.util.Map;

/**
 * What {@code /healthz} says: healthy (200) while the agent runs and can keep events, 503 when it cannot (outbox full
 * or failing); details for a person, e.g. whether the broker is reachable.
 */
public record Health(boolean healthy, Map<String, Object> details) {
    public String toJson() {
        ObjectNode node = Json.object().put("status", healthy ? "ok" : "failing");
        details.forEach((k, v) -> {
            if (v instanceof Number n) {
                node.put(k, n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : n.doubleValue());
            } else if (v instanceof Boolean b) {
                node.put(k, b);
            } else if (v != null) {
                node.put(k, v.toString());
            }
        });
        return node.toString() + "\n";
    }
}
