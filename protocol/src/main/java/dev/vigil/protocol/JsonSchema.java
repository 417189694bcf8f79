package dev.vigil.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The subset of JSON Schema (draft 2020-12) the contract's schemas use: {@code type}, {@code required},
 * {@code properties}, {@code additionalProperties}, {@code $ref} to {@code #/$defs/…}, {@code enum}, {@code const},
 * {@code minimum}, {@code maximum}, {@code minLength}, {@code maxLength}, {@code pattern}, {@code format: date-time},
 * {@code items}, {@code maxItems}, {@code maxProperties}. Any other keyword in a schema is refused at compile time,
 * so a schema can never promise a check this class does not make.
 */
final class JsonSchema {
    private static final List<String> KEYWORDS = List.of(
            "$schema",
            "$id",
            "$defs",
            "$ref",
            "title",
            "description",
            "type",
            "required",
            "properties",
            "additionalProperties",
            "enum",
            "const",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "items",
            "maxItems",
            "maxProperties",
            "examples");

    private final JsonNode root;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private JsonSchema(JsonNode root) {
        this.root = root;
    }

    static JsonSchema compile(JsonNode root) {
        checkKeywords(root, "#");
        return new JsonSchema(root);
    }

    void validate(JsonNode value, String path, List<Violation> out) {
        check(root, value, path, out);
    }

    private void check(JsonNode schema, JsonNode value, String path, List<Violation> out) {
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, path, out);
            return;
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            out.add(new Violation(path, "expected " + describeType(schema.get("type")) + ", found " + typeOf(value)));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(new Violation(path, "must be " + schema.get("const") + ", found " + value));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(new Violation(path, "must be one of " + schema.get("enum") + ", found " + value));
        }
        if (value.isNumber()) {
            checkNumber(schema, value, path, out);
        } else if (value.isTextual()) {
            checkText(schema, value.textValue(), path, out);
        } else if (value.isArray()) {
            checkArray(schema, value, path, out);
        } else if (value.isObject()) {
            checkObject(schema, value, path, out);
        }
    }

    private static void checkNumber(JsonNode schema, JsonNode value, String path, List<Violation> out) {
        if (schema.has("minimum") && value.doubleValue() < schema.get("minimum").doubleValue()) {
            out.add(new Violation(path, "must be at least " + schema.get("minimum") + ", found " + value));
        }
        if (schema.has("maximum") && value.doubleValue() > schema.get("maximum").doubleValue()) {
            out.add(new Violation(path, "must be at most " + schema.get("maximum") + ", found " + value));
        }
    }

    private void checkText(JsonNode schema, String text, String path, List<Violation> out) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").intValue()) {
            out.add(new Violation(path, "must have at least " + schema.get("minLength") + " characters"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").intValue()) {
            out.add(new Violation(
                    path, "must have at most " + schema.get("maxLength") + " characters, found " + length));
        }
        if (schema.has("pattern")
                && !patterns.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile)
                        .matcher(text)
                        .find()) {
            out.add(new Violation(path, "must match " + schema.get("pattern").asText() + ", found " + quote(text)));
        }
        if (schema.has("format") && schema.get("format").asText().equals("date-time") && !isDateTime(text)) {
            out.add(new Violation(path, "must be an RFC 3339 date-time, found " + quote(text)));
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String path, List<Violation> out) {
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").intValue()) {
            out.add(new Violation(
                    path, "must have at most " + schema.get("maxItems") + " items, found " + value.size()));
            return;
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<Violation> out) {
        if (schema.has("maxProperties")
                && value.size() > schema.get("maxProperties").intValue()) {
            out.add(new Violation(
                    path, "must have at most " + schema.get("maxProperties") + " fields, found " + value.size()));
            return;
        }
        for (JsonNode required : iterable(schema.path("required"))) {
            JsonNode field = value.get(required.asText());
            if (field == null || field.isNull()) {
                out.add(new Violation(path + "." + required.asText(), "is required"));
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                if (!field.getValue().isNull() || !allowsMissing(schema, field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), fieldPath, out);
                }
            } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                out.add(new Violation(fieldPath, "is not a field of this payload"));
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), fieldPath, out);
            }
        }
    }

    /** A JSON null for an optional field counts as absent, as the codec writes it. */
    private static boolean allowsMissing(JsonNode schema, String field) {
        for (JsonNode required : iterable(schema.path("required"))) {
            if (required.asText().equals(field)) {
                return false;
            }
        }
        return true;
    }

    private JsonNode resolve(String ref) {
        String prefix = "#/$defs/";
        if (!ref.startsWith(prefix) || !root.path("$defs").has(ref.substring(prefix.length()))) {
            throw new IllegalStateException("unresolvable $ref " + ref);
        }
        return root.path("$defs").get(ref.substring(prefix.length()));
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" ->
                value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalStateException("unknown schema type " + type);
        };
    }

    static String typeOf(JsonNode value) {
        if (value.isObject()) {
            return "object";
        } else if (value.isArray()) {
            return "array";
        } else if (value.isTextual()) {
            return "string " + quote(value.textValue());
        } else if (value.isIntegralNumber()) {
            return "integer " + value;
        } else if (value.isNumber()) {
            return "number " + value;
        } else if (value.isBoolean()) {
            return "boolean " + value;
        }
        return "null";
    }

    private static String describeType(JsonNode type) {
        if (!type.isArray()) {
            return type.asText();
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(t.asText()));
        return String.join(" or ", names);
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + shown + "\"";
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }

    private static void checkKeywords(JsonNode schema, String where) {
        if (!schema.isObject()) {
            return;
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KEYWORDS.contains(keyword)) {
                throw new IllegalStateException("schema keyword '" + keyword + "' at " + where + " is not supported");
            }
        }
        schema.path("$defs")
                .fields()
                .forEachRemaining(e -> checkKeywords(e.getValue(), where + "/$defs/" + e.getKey()));
        schema.path("properties")
                .fields()
                .forEachRemaining(e -> checkKeywords(e.getValue(), where + "/properties/" + e.getKey()));
        if (schema.has("items")) {
            checkKeywords(schema.get("items"), where + "/items");
        }
        if (schema.path("additionalProperties").isObject()) {
            checkKeywords(schema.get("additionalProperties"), where + "/additionalProperties");
        }
    }
}
