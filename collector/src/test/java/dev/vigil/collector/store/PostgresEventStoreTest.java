package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.PostgresStores;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against Debian's PostgreSQL. */
class PostgresEventStoreTest extends EventStoreContract {
    private static PostgresStores postgres;

    @BeforeAll
    static void open() {
        postgres = new PostgresStores();
    }

    @AfterAll
    static void close() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    Stores stores() {
        return postgres.stores();
    }

    @Override
    Database emptyDatabase() {
        return new Database(postgres.server().newDatabase(), "vigil", "", 1);
    }

    @Test
    void dialect_isPostgres_andMigrationsAreNotAppliedTwice() {
        assertThat(postgres.stores().dialect()).isEqualTo(Dialect.POSTGRES);
        try (Database db = new Database(postgres.url(), "vigil", "", 1)) {
            assertThat(Migrations.apply(db)).isEqualTo(List.of());
        }
    }
}
