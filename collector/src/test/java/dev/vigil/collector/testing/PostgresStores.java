package dev.vigil.collector.testing;

import dev.vigil.collector.store.Stores;

/** A PostgreSQL server of Debian's packages with the collector's store open on a fresh database of it. */
public final class PostgresStores implements AutoCloseable {
    private final PostgresServer server;
    private final String url;
    private final Stores stores;

    public PostgresStores() {
        server = new PostgresServer();
        try {
            url = server.newDatabase();
            stores = Stores.open(url, "vigil", "");
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public PostgresServer server() {
        return server;
    }

    /** The JDBC URL of the store's database (user {@code vigil}, no password). */
    public String url() {
        return url;
    }

    public Stores stores() {
        return stores;
    }

    @Override
    public void close() {
        try {
            stores.close();
        } finally {
            server.close();
        }
    }
}
