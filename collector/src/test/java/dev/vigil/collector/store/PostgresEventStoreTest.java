package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against Debian's PostgreSQL. */
class PostgresEventStoreTest extends EventStoreContract {
    private static PostgresServer postgres;
    private static String url;
    private static Stores stores;

    @BeforeAll
    static void open() {
        postgres = new PostgresServer();
        url = postgres.newDatabase();
        stores = Stores.open(url, "vigil", "");
    }

    @AfterAll
    static void close() {
        if (stores != null) {
            stores.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    Stores stores() {
        return stores;
    }

    @Override
    Database emptyDatabase() {
        return new Database(postgres.newDatabase(), "vigil", "", 1);
    }

    @Test
    void dialect_isPostgres_andMigrationsAreNotAppliedTwice() {
        assertThat(stores.dialect()).isEqualTo(Dialect.POSTGRES);
        try (Database db = new Database(url, "vigil", "", 1)) {
            assertThat(Migrations.apply(db)).isEqualTo(List.of());
        }
    }
}
