package dev.vigil.collector.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.state.SiteProjection;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HomeAssistantDiscoveryTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private final List<String> sent = new ArrayList<>();
    private final Map<String, String> retained = new LinkedHashMap<>();
    private final SiteProjection projection = new SiteProjection(v -> {});
    private final HomeAssistantDiscovery discovery =
            new HomeAssistantDiscovery(projection, "homeassistant", "vigil/v1", (topic, payload, retain) -> {
                assertThat(retain).isTrue();
                sent.add(topic);
                String text = new String(payload, StandardCharsets.UTF_8);
                if (text.isEmpty()) {
                    retained.remove(topic);
                } else {
                    retained.put(topic, text);
                }
            });

    private void feed(String site) {
        projection.onStatus(new SiteStatus(Protocol.SCHEMA_VERSION, site, "online", T, "1.0", 5), T);
        projection.onState(
                new SiteState(
                        Protocol.SCHEMA_VERSION,
                        site,
                        T,
                        "1.0",
                        List.of(),
                        List.of(),
                        List.of(new SiteState.WanView("wan1", "up", 0.0, 10.0, 1.0, T))),
                T);
    }

    @Test
    void sync_unchangedSite_publishesNothingAgain() {
        feed("branch-1");
        discovery.sync();
        int first = sent.size();
        assertThat(first).isEqualTo(6); // problem, wan, rtt, loss, availability, state
        discovery.sync();
        assertThat(sent).hasSize(first);
    }

    @Test
    void removeSite_publishedSite_clearsEveryRetainedMessageAndStaysAway() {
        feed("branch-1");
        feed("branch-2");
        discovery.sync();
        assertThat(retained.keySet()).anyMatch(t -> t.contains("vigil_branch-1"));

        discovery.removeSite("branch-1");
        discovery.sync();

        assertThat(retained.keySet())
                .noneMatch(t -> t.contains("vigil_branch-1/") || t.contains("/branch-1/"))
                .anyMatch(t -> t.contains("vigil_branch-2/"));
    }

    @Test
    void onHomeAssistantStatus_offline_sendsNothing_online_sendsEverything() {
        feed("branch-1");
        discovery.sync();
        int first = sent.size();
        discovery.onHomeAssistantStatus("offline".getBytes(StandardCharsets.UTF_8));
        assertThat(sent).hasSize(first);
        discovery.onHomeAssistantStatus("online".getBytes(StandardCharsets.UTF_8));
        assertThat(sent).hasSize(2 * first);
    }

    @ParameterizedTest
    @CsvSource({"branch-1, branch-1", "acme_hq, acme_hq"})
    void objectIds_validLowerCaseId_isKept(String site, String expected) {
        assertThat(ObjectIds.of(site)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Acme.HQ", "acme.hq", "ACME_HQ", "a b"})
    void objectIds_invalidId_isMappedToAValidDeterministicDistinctOne(String site) {
        String id = ObjectIds.of(site);
        assertThat(id).matches("[a-z0-9_-]+").isEqualTo(ObjectIds.of(site)).isNotEqualTo(ObjectIds.of("acme_hq"));
    }
}
