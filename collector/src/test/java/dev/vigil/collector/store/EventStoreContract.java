package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every store implementation must do, run against H2 and PostgreSQL. */
abstract class EventStoreContract {
    private static final String NASTY = "x'); DROP TABLE events; -- \" \\ % _ ! ' OR '1'='1";
    private final EventIds ids = new EventIds();

    abstract Stores stores();

    private StoredEvent stored(String site, String type, String subject, Instant received) {
        Event e = Event.of(
                ids.next(),
                site,
                1,
                Instant.parse("2026-01-01T00:00:00Z"),
                type,
                Severity.INFO,
                subject,
                Json.object().put("note", NASTY));
        return new StoredEvent(e, new WireCodec().encodeToString(e), received);
    }

    @Test
    void append_duplicateIds_areSkippedAndReported() {
        StoredEvent a = stored("dup-site", "wan.down", "wan/wan1", Instant.now());
        StoredEvent b = stored("dup-site", "wan.up", "wan/wan1", Instant.now());
        assertThat(stores().events().append(List.of(a, b))).containsExactly(true, true);
        assertThat(stores().events().append(List.of(a, stored("dup-site", "wan.up", "wan/x", Instant.now()), a)))
                .containsExactly(false, true, false);
    }

    @Test
    void find_pagesNewestFirst_withTypePrefixAndCursor() {
        List<String> expected = new ArrayList<>();
        List<StoredEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StoredEvent e = stored("page-site", i % 2 == 0 ? "vrrp.master_changed" : "wan.down", "s", Instant.now());
            batch.add(e);
            if (i % 2 == 0) {
                expected.add(0, e.event().id());
            }
        }
        stores().events().append(batch);
        EventPage first = stores().events().find(new EventQuery("page-site", null, null, "vrrp.*", 2, null));
        assertThat(first.eventsJson()).hasSize(2);
        assertThat(first.next()).isEqualTo(expected.get(1));
        EventPage second = stores().events().find(new EventQuery("page-site", null, null, "vrrp.*", 2, first.next()));
        assertThat(second.eventsJson()).hasSize(1).first().asString().contains(expected.get(2));
        assertThat(second.next()).isNull();
    }

    @Test
    void sqlMetacharacters_inEveryField_areStoredVerbatim() {
        StoredEvent e = stored("meta-site", "wan.down", NASTY, Instant.now());
        stores().events().append(List.of(e));
        EventPage page = stores().events().find(new EventQuery("meta-site", null, null, null, 10, null));
        assertThat(page.eventsJson()).containsExactly(e.json());
        assertThat(stores().events()
                        .find(new EventQuery("meta-site", null, null, "wan.*", 10, null))
                        .eventsJson())
                .hasSize(1);
        assertThat(stores().events()
                        .find(new EventQuery(NASTY, null, null, null, 10, null))
                        .eventsJson())
                .isEmpty();
        stores().directory().createSite(new SiteRecord("meta-site", List.of(NASTY), "hash", Instant.now()));
        assertThat(stores().directory().site("meta-site").orElseThrow().tags()).containsExactly(NASTY);
        assertThat(stores().directory().user(NASTY)).isEqualTo(Optional.empty());
    }

    @Test
    void purge_removesOnlyOlderEvents() {
        StoredEvent old = stored("purge-site", "wan.down", "s", Instant.parse("2020-01-01T00:00:00Z"));
        StoredEvent recent = stored("purge-site", "wan.down", "s", Instant.now());
        stores().events().append(List.of(old, recent));
        assertThat(stores().events().purgeReceivedBefore(Instant.parse("2021-01-01T00:00:00Z")))
                .isEqualTo(1);
        assertThat(stores().events()
                        .find(new EventQuery("purge-site", null, null, null, 10, null))
                        .eventsJson())
                .containsExactly(recent.json());
    }

    @Test
    void snapshots_upsertAndBaselinesKeepTheFirstMaster() {
        stores().snapshots()
                .put(new Snapshot(
                        "snap",
                        "state",
                        new String(Payloads.state("snap", "192.0.2.11"), java.nio.charset.StandardCharsets.UTF_8),
                        Instant.now()));
        stores().snapshots().put(new Snapshot("snap", "state", "{}", Instant.now()));
        assertThat(stores().snapshots().all())
                .filteredOn(s -> s.site().equals("snap"))
                .singleElement()
                .extracting(Snapshot::payload)
                .isEqualTo("{}");
        assertThat(stores().snapshots().baseline("snap", "vrrp/eth0/IPv4/10", "192.0.2.11"))
                .isEqualTo("192.0.2.11");
        assertThat(stores().snapshots().baseline("snap", "vrrp/eth0/IPv4/10", "192.0.2.12"))
                .isEqualTo("192.0.2.11");
    }
}
