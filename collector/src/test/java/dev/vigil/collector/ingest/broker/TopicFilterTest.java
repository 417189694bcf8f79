package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFilterTest {
    @ParameterizedTest
    @CsvSource({
        "vigil/v1/sites/#, vigil/v1/sites/a/events, true",
        "vigil/v1/sites/+/state, vigil/v1/sites/a/state, true",
        "vigil/v1/sites/+/state, vigil/v1/sites/a/status, false",
        "vigil/v1/#, vigil/v1, true",
        "vigil/v1/alerts/+, vigil/v1/alerts/a/b, false",
        "#, $SYS/broker, false",
        "+/v1/alerts/a, vigil/v1/alerts/a, true"
    })
    void matches_filterAndTopic_asMqttSays(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.matches(filter, topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a/#, true", "a/#/b, false", "a/b#, false", "a/+b, false", "+/+/#, true", "'', false"})
    void isValid_filterSyntax(String filter, boolean expected) {
        assertThat(TopicFilter.isValid(filter)).isEqualTo(expected);
    }
}
