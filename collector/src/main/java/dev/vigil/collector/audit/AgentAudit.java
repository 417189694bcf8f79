package dev.vigil.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.ingest.StoredEventListener;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import java.time.Instant;
import java.util.Map;

/**
 * Turns what agents did into audit lines: automatic repairs ({@code action.executed}, {@code action.failed}) and the
 * results of commands ({@code command.*}, {@code drill.completed}, {@code repairs.*}). Kind is the event type, actor
 * {@code agent:<site>}, the time the agent's; one line per event id, however often the event is delivered.
 */
public final class AgentAudit implements StoredEventListener {
    private static final int MAX_VALUE_CHARS = 500;
    private static final Map<String, String> OUTCOMES = Map.of(
            EventTypes.ACTION_EXECUTED, "ok",
            EventTypes.ACTION_FAILED, "failed",
            EventTypes.COMMAND_COMPLETED, "ok",
            EventTypes.COMMAND_FAILED, "failed",
            EventTypes.COMMAND_REJECTED, "rejected",
            EventTypes.REPAIRS_PAUSED, "ok",
            EventTypes.REPAIRS_RESUMED, "ok",
            EventTypes.DRILL_COMPLETED, "ok");

    private final AuditWriter writer;

    public AgentAudit(AuditWriter writer) {
        this.writer = writer;
    }

    @Override
    public void stored(Event event, Instant received) {
        String outcome = OUTCOMES.get(event.type());
        if (outcome == null) {
            return;
        }
        JsonNode data = event.data();
        if (event.type().equals(EventTypes.DRILL_COMPLETED)
                && !data.path("passed").asBoolean(false)) {
            outcome = "failed";
        }
        ObjectNode details = Json.object().put("event_id", event.id()).put("subject", event.subject());
        data.fields().forEachRemaining(f -> details.set(f.getKey(), shortened(f.getValue())));
        writer.recordOnce(
                "e-" + event.id(),
                event.time(),
                new AuditEntry(event.type(), "agent:" + event.site(), event.site(), outcome, summary(event), details));
    }

    private static JsonNode shortened(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_VALUE_CHARS
                ? value
                : Json.object().put("truncated", true).put("chars", text.length());
    }

    private static String summary(Event event) {
        JsonNode d = event.data();
        String action = d.path("action").asText("");
        return switch (event.type()) {
            case EventTypes.ACTION_EXECUTED, EventTypes.ACTION_FAILED ->
                join(
                        event.type().equals(EventTypes.ACTION_EXECUTED) ? "repair" : "repair failed",
                        action,
                        on(d.path("router").asText("")),
                        d.path("target").asText(""),
                        d.path("dry_run").asBoolean(false) ? "(dry run)" : "",
                        d.path("error").asText(""));
            case EventTypes.COMMAND_COMPLETED -> join("command", action, "completed", by(d));
            case EventTypes.COMMAND_FAILED ->
                join("command", action, "failed:", d.path("reason").asText(""), by(d));
            case EventTypes.COMMAND_REJECTED ->
                join("command", action, "rejected:", d.path("reason").asText(""), by(d));
            case EventTypes.DRILL_COMPLETED ->
                join("failover drill", d.path("passed").asBoolean(false) ? "passed" : "did not pass", by(d));
            case EventTypes.REPAIRS_PAUSED ->
                join("automatic repairs paused until", d.path("until").asText(""), by(d));
            default -> join("automatic repairs resumed", by(d));
        };
    }

    private static String on(String router) {
        return router.isEmpty() ? "" : "on " + router;
    }

    private static String by(JsonNode d) {
        String issuer = d.path("issuer").asText("");
        return issuer.isEmpty() ? "" : "(issued by " + issuer + ")";
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(p);
            }
        }
        return out.toString();
    }
}
