package dev.vigil.collector.command;

import dev.vigil.collector.store.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The command service on H2. */
class H2CommandServiceTest extends CommandServiceContract {
    private static Stores stores;

    @BeforeAll
    static void open() {
        stores = Stores.open("jdbc:h2:mem:commands-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterAll
    static void close() {
        if (stores != null) {
            stores.close();
        }
    }

    @Override
    Stores stores() {
        return stores;
    }
}
