package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2EventStoreTest extends EventStoreContract {
    @TempDir
    static Path dir;

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

    @Test
    void migrations_reopenedFile_areNotAppliedTwice() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("db"), null, null, 1)) {
            assertThat(Migrations.apply(db)).isEqualTo(List.of());
        }
    }

    @Test
    void migrationV2_siteTimeQuery_usesSiteTimeIndex() {
        try (Database db = new Database("jdbc:h2:file:" + dir.resolve("db"), null, null, 1)) {
            String plan = db.inTransaction(c -> {
                try (var s = c.createStatement();
                        var rs = s.executeQuery("EXPLAIN SELECT id, payload FROM events WHERE site = 'a' AND event_time"
                                + " >= 0 ORDER BY id DESC LIMIT 101")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(plan).containsIgnoringCase("events_by_site_time");
        }
    }
}
