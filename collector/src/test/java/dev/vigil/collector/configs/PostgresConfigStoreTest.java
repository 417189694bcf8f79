package dev.vigil.collector.configs;

import dev.vigil.collector.store.Database;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The configuration store against Debian's PostgreSQL, where several collectors share one database. */
class PostgresConfigStoreTest extends ConfigStoreContract {
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
    Database db() {
        return stores.db();
    }

    @Override
    Database otherCollector() {
        return new Database(url, "vigil", "", 4);
    }
}
