package dev.vigil.agent.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IsolatedYamlParserTest {
    private static final String YAML = """
            site: acme-hq
            count: 3
            big: 5000000000
            huge: 123456789012345678901234567890
            ratio: 0.25
            on: true
            quoted: "42"
            nothing: ~
            empty:
            list: [a, 1, {k: v}]
            anchors:
              base: &b {x: 1}
              copy: *b
            """;

    @Test
    void parse_yaml_sameTreeAsTheObjectMapperInTheApplicationLoader() throws Exception {
        JsonNode expected = new ObjectMapper(new YAMLFactory()).readTree(YAML.getBytes(UTF_8));

        JsonNode parsed = IsolatedYamlParser.parse(YAML.getBytes(UTF_8));

        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.get("big").isLong()).isTrue();
        assertThat(parsed.get("quoted").isTextual()).isTrue();
        assertThat(parsed.get("empty").isNull()).isTrue();
    }

    @Test
    void parse_emptyDocument_returnsNull() {
        assertThat(IsolatedYamlParser.parse(new byte[0])).isNull();
    }

    @Test
    void parse_brokenYaml_throwsWithLineAndColumn() {
        assertThatThrownBy(() -> IsolatedYamlParser.parse("site: s1\nwans: [\n".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2, column 8: not valid YAML: while parsing a flow node");
    }

    @Test
    void parse_afterwards_parserClassLoaderIsCollectable() {
        AtomicReference<WeakReference<ClassLoader>> loader = new AtomicReference<>();

        IsolatedYamlParser.parse(YAML.getBytes(UTF_8), l -> loader.set(new WeakReference<>(l)));

        assertThat(loader.get().get()).isNotSameAs(IsolatedYamlParser.class.getClassLoader());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return loader.get().get() == null;
        });
    }
}
