package dev.vigil.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
    private final Topics topics = Topics.defaults();

    @Test
    void topicNames_followTheContract() {
        assertThat(topics.events("acme")).isEqualTo("vigil/v1/sites/acme/events");
        assertThat(topics.state("acme")).isEqualTo("vigil/v1/sites/acme/state");
        assertThat(topics.status("acme")).isEqualTo("vigil/v1/sites/acme/status");
        assertThat(topics.metrics("acme")).isEqualTo("vigil/v1/sites/acme/metrics");
        assertThat(topics.commands("acme")).isEqualTo("vigil/v1/sites/acme/commands");
        assertThat(topics.alerts("acme")).isEqualTo("vigil/v1/alerts/acme");
    }

    @Test
    void parse_knownTopic_givesSiteAndKind() {
        assertThat(topics.parse("vigil/v1/sites/acme/events")).contains(new TopicRef("acme", TopicKind.EVENTS));
        assertThat(topics.parse("vigil/v1/alerts/acme")).contains(new TopicRef("acme", TopicKind.ALERTS));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vigil/v1/sites/acme",
                "vigil/v1/sites/acme/events/x",
                "other/sites/acme/events",
                "vigil/v1/sites/+/events",
                "vigil/v1/sites/acme/alerts",
                "vigil/v1/sites//events"
            })
    void parse_foreignOrMalformedTopic_isEmpty(String topic) {
        assertThat(topics.parse(topic)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "+", "#", "-leading-dash"})
    void siteTopic_invalidSiteId_throws(String site) {
        assertThatThrownBy(() -> topics.events(site)).isInstanceOf(IllegalArgumentException.class);
    }
}
