package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against Debian's PostgreSQL. */
class PostgresEventStoreTest extends EventStoreContract {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

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
