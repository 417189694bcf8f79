package dev.vigil.collector.command;

import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The command service on Debian's PostgreSQL (the V9 migration in that dialect). */
class PostgresCommandServiceTest extends CommandServiceContract {
    private static PostgresServer postgres;
    private static Stores stores;

    @BeforeAll
    static void open() {
        postgres = new PostgresServer();
        stores = Stores.open(postgres.newDatabase(), "vigil", "");
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
}
