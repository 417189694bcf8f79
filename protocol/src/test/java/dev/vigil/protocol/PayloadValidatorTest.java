package dev.vigil.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadValidatorTest {
    private final PayloadValidator validator = PayloadValidator.standard();

    private static ObjectNode validEvent() {
        return (ObjectNode) WireCodec.readTree("""
                {"v":1,"id":"01JDB5X0000000000000000000","site":"acme-hq","seq":7,
                 "time":"2026-11-22T03:00:00Z","type":"wan.down","severity":"critical",
                 "subject":"wan/wan1","data":{"loss_pct":100}}""");
    }

    private List<Violation> validate(ObjectNode event) {
        return validator.validate(PayloadKind.EVENT, event.toString().getBytes(UTF_8));
    }

    @Test
    void validEvent_hasNoViolations() {
        assertThat(validate(validEvent())).isEmpty();
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.of(
                broken("missing id", e -> e.remove("id"), "$.id", "is required"),
                broken("null type", e -> e.putNull("type"), "$.type", "is required"),
                broken("seq as text", e -> e.put("seq", "7"), "$.seq", "expected integer, found string \"7\""),
                broken("fractional seq", e -> e.put("seq", 7.5), "$.seq", "expected integer, found number 7.5"),
                broken("unknown severity", e -> e.put("severity", "panic"), "$.severity", "must be one of"),
                broken("bad time", e -> e.put("time", "yesterday"), "$.time", "must be an RFC 3339 date-time"),
                broken("bad type", e -> e.put("type", "WAN DOWN"), "$.type", "must match"),
                broken("site with slash", e -> e.put("site", "a/b"), "$.site", "must match"),
                broken("data not object", e -> e.put("data", "x"), "$.data", "expected object, found string"),
                broken("unknown field", e -> e.put("colour", "red"), "$.colour", "is not a field of this payload"),
                broken("version 2", e -> e.put("v", 2), "$.v", "unsupported schema version 2"),
                broken("missing version", e -> e.remove("v"), "$.v", "is required"),
                broken("bad id", e -> e.put("id", "not-a-ulid"), "$.id", "must match"));
    }

    private static Arguments broken(String name, Consumer<ObjectNode> change, String path, String problem) {
        return Arguments.of(name, change, path, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void brokenEvent_isRejectedNamingFieldAndProblem(
            String name, Consumer<ObjectNode> change, String path, String problem) {
        ObjectNode event = validEvent();
        change.accept(event);

        assertThat(validate(event)).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.problem()).contains(problem);
        });
    }

    @Test
    void oversizedPayload_isRejectedBeforeParsing() {
        PayloadValidator small = PayloadValidator.withMaxBytes(100);
        ObjectNode event = validEvent();
        event.with("data").put("blob", "x".repeat(200));

        assertThat(small.validate(PayloadKind.EVENT, event.toString().getBytes(UTF_8)))
                .singleElement()
                .satisfies(v -> assertThat(v.problem()).contains("exceeds the limit of 100"));
    }

    @Test
    void notJson_isRejectedWithSyntaxProblem() {
        assertThat(validator.validate(PayloadKind.EVENT, "{\"v\":1,".getBytes(UTF_8)))
                .singleElement()
                .satisfies(v -> assertThat(v.problem()).startsWith("not valid JSON"));
    }

    @Test
    void jsonArray_isRejectedAsNotAnObject() {
        assertThat(validator.validate(PayloadKind.STATUS, "[1,2]".getBytes(UTF_8)))
                .singleElement()
                .satisfies(v -> assertThat(v.problem()).isEqualTo("must be a JSON object, found array"));
    }

    @Test
    void nestedStateViolation_namesTheIndexedPath() {
        String state = """
                {"v":1,"site":"s1","time":"2026-11-22T03:00:00Z",
                 "wans":[{"name":"wan1","state":"up"},{"name":"wan2","state":"sideways"}]}""";

        assertThat(validator.validate(PayloadKind.STATE, state.getBytes(UTF_8)))
                .singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("$.wans[1].state"));
    }
}
