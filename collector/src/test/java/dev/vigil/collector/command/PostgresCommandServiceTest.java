package dev.vigil.collector.command;

import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command service on Debian's PostgreSQL (the V9 migration in that dialect). */
class PostgresCommandServiceTest extends CommandServiceContract {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @Override
    Stores stores() {
        return postgres.stores();
    }
}
