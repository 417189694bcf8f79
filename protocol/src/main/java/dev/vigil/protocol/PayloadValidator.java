package dev.vigil.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks payloads against the contract's JSON Schemas: size, JSON syntax, schema version, then every schema rule. The
 * schemas on the classpath are the single source of truth; they are also published in {@code docs/protocol.md}.
 */
public final class PayloadValidator {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final Map<PayloadKind, JsonSchema> schemas;
    private final int maxBytes;

    private PayloadValidator(Map<PayloadKind, JsonSchema> schemas, int maxBytes) {
        this.schemas = schemas;
        this.maxBytes = maxBytes;
    }

    public static PayloadValidator standard() {
        return withMaxBytes(Protocol.MAX_PAYLOAD_BYTES);
    }

    public static PayloadValidator withMaxBytes(int maxBytes) {
        Map<PayloadKind, JsonSchema> schemas = new EnumMap<>(PayloadKind.class);
        for (PayloadKind kind : PayloadKind.values()) {
            schemas.put(kind, JsonSchema.compile(loadSchema(kind)));
        }
        return new PayloadValidator(schemas, maxBytes);
    }

    /** Every violation of the payload; empty when it is valid. */
    public List<Violation> validate(PayloadKind kind, byte[] payload) {
        try {
            validatedTree(kind, payload);
            return List.of();
        } catch (PayloadRejectedException e) {
            return e.violations();
        }
    }

    JsonNode validatedTree(PayloadKind kind, byte[] payload) throws PayloadRejectedException {
        if (payload.length > maxBytes) {
            throw reject(kind, "$", "payload of " + payload.length + " bytes exceeds the limit of " + maxBytes);
        }
        JsonNode tree;
        try {
            tree = PLAIN.readTree(payload);
        } catch (JsonProcessingException e) {
            throw reject(kind, "$", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw reject(kind, "$", "unreadable: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw reject(kind, "$", "empty payload");
        }
        if (!tree.isObject()) {
            throw reject(kind, "$", "must be a JSON object, found " + JsonSchema.typeOf(tree));
        }
        JsonNode version = tree.get("v");
        if (version != null && version.isIntegralNumber() && version.asInt() != Protocol.SCHEMA_VERSION) {
            throw reject(
                    kind,
                    "$.v",
                    "unsupported schema version " + version.asText() + " (this build speaks version "
                            + Protocol.SCHEMA_VERSION + ")");
        }
        List<Violation> violations = new ArrayList<>();
        schemas.get(kind).validate(tree, "$", violations);
        if (!violations.isEmpty()) {
            throw new PayloadRejectedException(kind, violations);
        }
        return tree;
    }

    private static PayloadRejectedException reject(PayloadKind kind, String path, String problem) {
        return new PayloadRejectedException(kind, List.of(new Violation(path, problem)));
    }

    private static JsonNode loadSchema(PayloadKind kind) {
        try (InputStream in = PayloadValidator.class.getResourceAsStream(kind.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + kind.schemaResource());
            }
            return PLAIN.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + kind.schemaResource(), e);
        }
    }
}
