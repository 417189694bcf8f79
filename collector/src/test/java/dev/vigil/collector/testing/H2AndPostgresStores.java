package dev.vigil.collector.testing;

import dev.vigil.collector.store.Stores;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * For tests of a store on both databases: an H2 in memory and Debian's PostgreSQL, open for the whole class and
 * given to {@code @ParameterizedTest @MethodSource("stores")}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class H2AndPostgresStores {
    private Stores h2;
    private PostgresStores postgres;

    @BeforeAll
    void openBoth() {
        h2 = Stores.open(
                "jdbc:h2:mem:" + getClass().getSimpleName() + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "");
        postgres = new PostgresStores();
    }

    @AfterAll
    void closeBoth() {
        if (h2 != null) {
            h2.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    protected Stream<Stores> stores() {
        return Stream.of(h2, postgres.stores());
    }
}
