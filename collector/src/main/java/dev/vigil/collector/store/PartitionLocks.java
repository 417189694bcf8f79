package dev.vigil.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * One collector's membership and partition ownership, as PostgreSQL session advisory locks on a connection of its
 * own: while the connection lives the locks are held; when the collector dies its connection closes and PostgreSQL
 * frees them at once (a killed process's socket is closed by the kernel; a dead machine is noticed by TCP
 * keep-alive). The same connection LISTENs for new feed rows. Use from one thread.
 */
public final class PartitionLocks implements AutoCloseable {
    private static final int MEMBER_KEY = ClusterStore.LOCK_CLASS + 2;
    private static final int PARTITION_CLASS = ClusterStore.LOCK_CLASS + 3;

    private final Connection c;

    public PartitionLocks(Database db) {
        this.c = db.dedicated();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SELECT pg_advisory_lock_shared(" + MEMBER_KEY + ", 0)");
            s.execute("LISTEN " + ClusterStore.CHANNEL);
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot join the collectors: " + e.getMessage(), e);
        }
    }

    /** How many collectors are members now (this one included). */
    public int members() {
        return queryInt("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND classid = CAST(" + MEMBER_KEY + " AS OID) AND objid = 0 AND objsubid = 2");
    }

    public boolean tryLock(int partition) {
        return queryInt("SELECT CASE WHEN pg_try_advisory_lock(" + PARTITION_CLASS + ", " + partition
                        + ") THEN 1 ELSE 0 END")
                == 1;
    }

    public void unlock(int partition) {
        queryInt("SELECT CASE WHEN pg_advisory_unlock(" + PARTITION_CLASS + ", " + partition + ") THEN 1 ELSE 0 END");
    }

    /** Waits up to {@code millis} for a NOTIFY of new feed rows; true when one came. */
    public boolean awaitFeed(int millis) {
        try {
            var n = c.unwrap(PGConnection.class).getNotifications(millis);
            return n != null && n.length > 0;
        } catch (SQLException e) {
            throw new StoreException("lost the lock connection: " + e.getMessage(), e);
        }
    }

    private int queryInt(String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("lost the lock connection: " + e.getMessage(), e);
        }
    }

    /** False once the connection is gone (and with it every lock it held). */
    public boolean healthy() {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // the locks go with the connection either way
        }
    }
}
