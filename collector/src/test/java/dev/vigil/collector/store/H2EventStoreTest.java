package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2EventStoreTest extends EventStoreContract {
    @TempDir
    static Path dir;

    private static final AtomicInteger EMPTY = new AtomicInteger();
    private static Stores stores;

    @BeforeAll
    static void open() {
        stores = Stores.open("jdbc:h2:file:" + dir.resolve("db"), null, null);
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Override
    Stores stores() {
        return stores;
    }

    @Override
    Database emptyDatabase() {
        return new Database("jdbc:h2:file:" + dir.resolve("empty" + EMPTY.incrementAndGet()), null, null, 1);
    }

    @Test
    void migrations_reopenedFile_areNotAppliedTwice() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("db"), null, null, 1)) {
            assertThat(Migrations.apply(db)).isEqualTo(List.of());
        }
    }

    @Test
    void find_lastDayOfABusySite_readsTheSiteIndexBackwardsAndStopsAfterThePage() {
        Instant now = Instant.now();
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Event e = Payloads.event("busy-site", "wan.down", Severity.INFO, "wan/wan1", Json.object());
            events.add(new StoredEvent(e, new WireCodec().encodeToString(e), now));
        }
        stores.events().append(events);
        EventQuery lastDay = new EventQuery("busy-site", now.minus(Duration.ofDays(1)), null, null, 10, null);
        EventSelect select = stores.db()
                .inTransaction(c ->
                        EventSelect.of(lastDay, IdTimeRanges.of(c, "busy-site").orElseThrow()));
        String plan = stores.db().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + select.sql())) {
                select.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(plan).containsIgnoringCase("events_by_site").contains("index sorted");
        Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertThat(scanned.find()).as(plan).isTrue();
        assertThat(Integer.parseInt(scanned.group(1))).isLessThanOrEqualTo(lastDay.limit() + 1);
    }
}
