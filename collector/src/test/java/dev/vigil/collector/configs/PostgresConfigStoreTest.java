package dev.vigil.collector.configs;

import dev.vigil.collector.store.Database;
import dev.vigil.collector.testing.PostgresStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The configuration store against Debian's PostgreSQL, where several collectors share one database. */
class PostgresConfigStoreTest extends ConfigStoreContract {
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
    Database db() {
        return postgres.stores().db();
    }

    @Override
    Database otherCollector() {
        return new Database(postgres.url(), "vigil", "", 4);
    }
}
