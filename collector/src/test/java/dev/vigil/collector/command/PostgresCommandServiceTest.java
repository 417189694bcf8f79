package dev.vigil.collector.command;

import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.PostgresStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The command service on Debian's PostgreSQL (the V9 migration in that dialect). */
class PostgresCommandServiceTest extends CommandServiceContract {
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
}
