package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every store implementation must do, run against H2 and PostgreSQL. */
abstract class EventStoreContract {
    private static final String NASTY = "x'); DROP TABLE events; -- \" \\ % _ ! ' OR '1'='1";
    private final EventIds ids = new EventIds();

    abstract Stores stores();

    /** A database of its own, without any schema yet. */
    abstract Database emptyDatabase();

    private static StoredEvent storedAt(String site, Instant time, Instant idTime, Instant received) {
        Event e = Event.of(
                new EventIds(Clock.fixed(idTime, ZoneOffset.UTC)).next(),
                site,
                1,
                time,
                "wan.down",
                Severity.INFO,
                "wan/wan1",
                Json.object());
        return new StoredEvent(e, new WireCodec().encodeToString(e), received);
    }

    /** Every page of a query, following {@code next}. */
    private List<String> allPages(EventQuery first) {
        List<String> ids = new ArrayList<>();
        EventQuery q = first;
        while (true) {
            EventPage page = stores().events().find(q);
            page.eventsJson()
                    .forEach(json -> ids.add(WireCodec.readTree(json).get("id").asText()));
            if (page.next() == null) {
                return ids;
            }
            q = new EventQuery(q.site(), q.from(), q.to(), q.type(), q.limit(), page.next());
        }
    }

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
    void find_timeRange_isExact_whenIdsWereMadeByClocksAheadOrBehind() {
        Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant time = t0.plusSeconds(60L * i);
            Duration idOffset = switch (i % 3) {
                case 0 -> Duration.ZERO;
                case 1 -> Duration.ofDays(1);
                default -> Duration.ofDays(-365);
            };
            events.add(storedAt("range-site", time, time.plus(idOffset), Instant.now()));
        }
        stores().events().append(events);
        Instant from = t0.plusSeconds(600);
        Instant to = t0.plusSeconds(1140);
        for (EventQuery q : List.of(
                new EventQuery("range-site", from, to, null, 4, null),
                new EventQuery("range-site", from, null, null, 4, null),
                new EventQuery("range-site", null, to, null, 4, null))) {
            List<String> expected = events.stream()
                    .filter(e -> q.from() == null || !e.event().time().isBefore(q.from()))
                    .filter(e -> q.to() == null || !e.event().time().isAfter(q.to()))
                    .map(e -> e.event().id())
                    .sorted(Comparator.reverseOrder())
                    .toList();
            assertThat(allPages(q)).as("from %s to %s", q.from(), q.to()).isEqualTo(expected);
        }
    }

    @Test
    void purge_goesByReceipt_whenIdsWereMadeByClocksAheadOrBehind() {
        Instant received2020 = Instant.parse("2020-01-01T00:00:00Z");
        StoredEvent aheadOfReceipt =
                storedAt("purge-clock-site", received2020, received2020.plus(Duration.ofDays(400)), received2020);
        StoredEvent behindReceipt = storedAt("purge-clock-site", received2020, received2020, Instant.now());
        stores().events().append(List.of(aheadOfReceipt, behindReceipt));
        stores().events().purgeReceivedBefore(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(allPages(new EventQuery("purge-clock-site", null, null, null, 10, null)))
                .containsExactly(behindReceipt.event().id());
    }

    @Test
    void migrationV4_idTimesOfStoredEvents_boundTheirQueries() {
        try (Database db = emptyDatabase()) {
            Migrations.apply(db, 3);
            Instant time = Instant.parse("2026-03-01T12:00:00Z");
            StoredEvent early = storedAt("v4-site", time, time.minusSeconds(3600), time.plusMillis(5));
            StoredEvent late = storedAt("v4-site", time, time.plusMillis(250), time.plusSeconds(7));
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (id, site, seq, event_time,"
                        + " event_type, severity, subject, payload, received_at) VALUES (?, ?, 1, ?, 'wan.down',"
                        + " 'info', 's', ?, ?)")) {
                    for (StoredEvent e : List.of(early, late)) {
                        ps.setString(1, e.event().id());
                        ps.setString(2, e.event().site());
                        ps.setLong(3, e.event().time().toEpochMilli());
                        ps.setString(4, e.json());
                        ps.setLong(5, e.receivedAt().toEpochMilli());
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
            assertThat(Migrations.apply(db)).contains(4);
            IdTimeRange range =
                    db.inTransaction(c -> IdTimeRanges.of(c, "v4-site")).orElseThrow();
            assertThat(range).isEqualTo(new IdTimeRange(-3_600_000, 250, -6_750));
        }
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

    private StoredEvent change(String site, String type, String subject, Instant time, String field, Object value) {
        var data = Json.object();
        if (value instanceof Boolean b) {
            data.put(field, b);
        } else if (value != null) {
            data.put(field, value.toString());
        }
        Event e = Event.of(ids.next(), site, 1, time, type, Severity.INFO, subject, data);
        return new StoredEvent(e, new WireCodec().encodeToString(e), Instant.now());
    }

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    @Test
    void stateChanges_ofFreshEventsOnly_areWhatReportsRead() {
        StoredEvent before = change("sc-site", "wan.down", "wan/wan1", T0.minusSeconds(60), null, null);
        StoredEvent elected = change(
                "sc-site", "vrrp.master_changed", "vrrp/eth0/IPv4/10", T0.plusSeconds(1), "master", "192.0.2.12");
        StoredEvent noise =
                change("sc-site", "router.vrrp_state", "router/router-a", T0.plusSeconds(2), "master", "192.0.2.11");
        StoredEvent dryRun =
                change("sc-site", "action.executed", "router/router-b", T0.plusSeconds(3), "dry_run", true);
        StoredEvent up = change("sc-site", "wan.up", "wan/wan1", T0.plusSeconds(4), null, null);
        StoredEvent otherSite = change("sc-other", "wan.down", "wan/wan1", T0.plusSeconds(5), null, null);
        stores().events().append(List.of(before, elected, noise, dryRun));
        stores().events().append(List.of(up, elected, up, otherSite));

        StateChangeStore.Changes changes = stores().stateChanges().between("sc-site", T0, T0.plusSeconds(3600));

        assertThat(changes.before())
                .containsExactly(new StateChange(T0.minusSeconds(60), "wan.down", "wan/wan1", null, false));
        assertThat(changes.within())
                .containsExactly(
                        new StateChange(
                                T0.plusSeconds(1), "vrrp.master_changed", "vrrp/eth0/IPv4/10", "192.0.2.12", false),
                        new StateChange(T0.plusSeconds(3), "action.executed", "router/router-b", null, true),
                        new StateChange(T0.plusSeconds(4), "wan.up", "wan/wan1", null, false));
    }

    @Test
    void stateChanges_aMasterThatIsNoAddress_isStoredAsUnknownWithoutFailingTheBatch() {
        StoredEvent odd = change("sc-odd", "vrrp.master_elected", "vrrp/eth0/IPv4/10", T0, "master", "x".repeat(500));
        assertThat(stores().events().append(List.of(odd))).containsExactly(true);
        assertThat(stores().stateChanges()
                        .between("sc-odd", T0, T0.plusSeconds(1))
                        .within())
                .extracting(StateChange::master)
                .containsExactly((String) null);
    }

    @Test
    void stateChanges_arePurgedWithTheirEvents() {
        StoredEvent old = storedAt("sc-purge", T0, T0, Instant.parse("2020-01-01T00:00:00Z"));
        StoredEvent recent = storedAt("sc-purge", T0.plusSeconds(1), T0.plusSeconds(1), Instant.now());
        stores().events().append(List.of(old, recent));
        stores().events().purgeReceivedBefore(Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(stores().stateChanges()
                        .between("sc-purge", T0, T0.plusSeconds(10))
                        .within())
                .extracting(StateChange::time)
                .containsExactly(T0.plusSeconds(1));
    }

    @Test
    void migrationV13_copiesTheStateChangesOfEventsStoredBeforeIt() {
        try (Database db = emptyDatabase()) {
            Migrations.apply(db, 12);
            List<StoredEvent> stored = List.of(
                    change("v13-site", "vrrp.master_elected", "vrrp/eth0/IPv4/10", T0, "master", "192.0.2.11"),
                    change("v13-site", "router.vrrp_state", "router/router-a", T0.plusSeconds(1), null, null));
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (id, site, seq, event_time,"
                        + " event_type, severity, subject, payload, received_at) VALUES (?, ?, 1, ?, ?, 'info', ?, ?,"
                        + " 0)")) {
                    for (StoredEvent e : stored) {
                        ps.setString(1, e.event().id());
                        ps.setString(2, e.event().site());
                        ps.setLong(3, e.event().time().toEpochMilli());
                        ps.setString(4, e.event().type());
                        ps.setString(5, e.event().subject());
                        ps.setString(6, e.json());
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });

            assertThat(Migrations.apply(db)).contains(13);

            assertThat(new JdbcStateChangeStore(db)
                            .between("v13-site", T0, T0.plusSeconds(60))
                            .within())
                    .containsExactly(
                            new StateChange(T0, "vrrp.master_elected", "vrrp/eth0/IPv4/10", "192.0.2.11", false));
        }
    }
}
