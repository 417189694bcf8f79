package dev.vigil.collector.configs;

import dev.vigil.collector.store.Database;
import dev.vigil.collector.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The configuration store against Debian's PostgreSQL, where several collectors share one database. */
class PostgresConfigStoreTest extends ConfigStoreContract {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @Override
    Database db() {
        return postgres.stores().db();
    }

    @Override
    Database otherCollector() {
        return new Database(postgres.url(), "vigil", "", 4);
    }
}
