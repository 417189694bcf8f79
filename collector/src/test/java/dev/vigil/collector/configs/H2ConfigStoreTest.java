package dev.vigil.collector.configs;

import dev.vigil.collector.store.Database;
import dev.vigil.collector.store.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class H2ConfigStoreTest extends ConfigStoreContract {
    @TempDir
    static Path dir;

    private static Stores stores;

    private static String url() {
        return "jdbc:h2:file:" + dir.resolve("db");
    }

    @BeforeAll
    static void open() {
        stores = Stores.open(url(), null, null);
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Override
    Database db() {
        return stores.db();
    }

    @Override
    Database otherCollector() {
        return new Database(url(), null, null, 4);
    }
}
