package dev.vigil.collector.testing;

import dev.vigil.collector.store.Stores;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();}: a {@link
 * PostgresStores} for the whole test class, started before its first test and stopped after its last.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    private PostgresStores postgres;

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres = new PostgresStores();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    public PostgresServer server() {
        return postgres.server();
    }

    public String url() {
        return postgres.url();
    }

    public Stores stores() {
        return postgres.stores();
    }
}
