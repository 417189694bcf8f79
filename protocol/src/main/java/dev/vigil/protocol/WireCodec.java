package dev.vigil.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON codec of the wire contract: snake_case keys, ISO-8601 UTC times, absent fields for nulls. Decoding validates
 * against the payload's JSON Schema first, so a bad payload is rejected with every problem named.
 */
public final class WireCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final PayloadValidator validator;

    public WireCodec(PayloadValidator validator) {
        this.validator = validator;
    }

    public WireCodec() {
        this(PayloadValidator.standard());
    }

    /** The mapper configured for the contract, for callers that build their own JSON views. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public byte[] encode(Record payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(Record payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    /** Validates then decodes; the checked exception names every violation. */
    public <T extends Record> T decode(PayloadKind kind, byte[] payload) throws PayloadRejectedException {
        JsonNode tree = validator.validatedTree(kind, payload);
        try {
            return kind.type() == null ? null : castTo(kind, MAPPER.treeToValue(tree, kind.type()));
        } catch (IOException e) {
            throw new PayloadRejectedException(kind, List.of(new Violation("$", String.valueOf(e.getMessage()))));
        }
    }

    public Event decodeEvent(byte[] payload) throws PayloadRejectedException {
        return decode(PayloadKind.EVENT, payload);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> T castTo(PayloadKind kind, Record value) {
        return (T) kind.type().cast(value);
    }

    /** Parses JSON text for tests and tools; not validated. */
    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
