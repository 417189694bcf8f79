package dev.vigil.collector.tenancy.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.protocol.WireCodec;
import io.vertx.ext.web.RoutingContext;

/** Request bodies as JSON objects, and their optional text fields. */
final class JsonBodies {
    private JsonBodies() {}

    /** The JSON object of the body, or null when it is missing or not a JSON object. */
    static JsonNode object(RoutingContext ctx) {
        try {
            String text = ctx.body().asString();
            JsonNode n =
                    text == null || text.isBlank() ? null : WireCodec.mapper().readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** True when the field is absent, null or text. */
    static boolean optionalText(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isMissingNode() || n.isNull() || n.isTextual();
    }

    static String textOrNull(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isTextual() ? n.asText() : null;
    }
}
