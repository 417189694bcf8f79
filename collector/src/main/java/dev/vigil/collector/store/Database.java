package dev.vigil.collector.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed pool of JDBC connections and the one transaction helper every store uses. Blocking: call it from a
 * worker thread, never from an event loop.
 */
public final class Database implements AutoCloseable {
    private static final int VALID_CHECK_SECONDS = 2;

    private final String url;
    private final String user;
    private final String password;
    private final Dialect dialect;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public Database(String url, String user, String password, int size) {
        this.url = CommitDurability.url(url);
        this.user = user;
        this.password = password;
        this.dialect = Dialect.of(url);
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection c = open();
            all.add(c);
            idle.add(c);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        Connection c = borrow();
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e instanceof StoreException se ? se : new StoreException(describe(e), e);
        } finally {
            release(c);
        }
    }

    /**
     * A connection of its own, outside the pool, for a caller that keeps session state on it (advisory locks,
     * LISTEN); the caller closes it.
     */
    public Connection dedicated() {
        return open();
    }

    private Connection borrow() {
        if (closed) {
            throw new StoreException("the store is closed", null);
        }
        try {
            Connection c = idle.poll(30, TimeUnit.SECONDS);
            if (c == null) {
                throw new StoreException("no database connection free within 30 s", null);
            }
            if (!c.isValid(VALID_CHECK_SECONDS)) {
                closeQuietly(c);
                synchronized (all) {
                    all.remove(c);
                    c = open();
                    all.add(c);
                }
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        } catch (SQLException e) {
            throw new StoreException(describe(e), e);
        }
    }

    private void release(Connection c) {
        if (!idle.offer(c)) {
            closeQuietly(c);
        }
    }

    private Connection open() {
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            try {
                CommitDurability.prepare(c, dialect);
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The URL without any password parameter, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure matters more
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            all.forEach(Database::closeQuietly);
            all.clear();
        }
    }
}
