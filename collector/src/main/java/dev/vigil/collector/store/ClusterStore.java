package dev.vigil.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The committed-change feed several collectors share on PostgreSQL, and the reaction cursor of each partition.
 *
 * <p>Triggers append every new event, every status/state snapshot, every alert change and every new site to {@code cluster_feed} (an alert change with
 * the whole alert, so followers need not read it back) in
 * the transaction that writes it. Each such transaction first takes one transaction-level advisory lock, so feed
 * numbers are handed out in commit order: a reader that has seen {@code seq} n never sees a smaller one appear
 * later. That serialises the commits of all collectors (one group-commit batch at a time), the price of a feed
 * that needs no gap handling.
 */
public final class ClusterStore {
    /** Advisory lock class of the collectors (two-int form): key 0 orders the feed, key 1 guards the DDL. */
    public static final int LOCK_CLASS = 0x5647_4C00;

    public static final String CHANNEL = "vigil_feed";

    private static final String[] INSTALL = {
        "SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", 1)",
        "CREATE SEQUENCE IF NOT EXISTS cluster_feed_seq",
        "CREATE OR REPLACE FUNCTION vigil_feed_lock() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " PERFORM pg_advisory_xact_lock(" + LOCK_CLASS + ", 0); RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION vigil_feed_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO cluster_feed (seq, site, kind, body, received_at)"
                + " VALUES (nextval('cluster_feed_seq'), NEW.site, 'event', NEW.payload, NEW.received_at);"
                + " PERFORM pg_notify('" + CHANNEL + "', ''); RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION vigil_feed_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO cluster_feed (seq, site, kind, body, received_at)"
                + " VALUES (nextval('cluster_feed_seq'), NEW.site, NEW.kind, NEW.payload, NEW.updated_at);"
                + " PERFORM pg_notify('" + CHANNEL + "', ''); RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION vigil_feed_alert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO cluster_feed (seq, site, kind, body, received_at)"
                + " VALUES (nextval('cluster_feed_seq'), NEW.site, 'alert', " + JdbcAlertStore.feedJson("NEW")
                + ", NEW.updated_at);"
                + " PERFORM pg_notify('" + CHANNEL + "', ''); RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION vigil_feed_site() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO cluster_feed (seq, site, kind, body, received_at)"
                + " VALUES (nextval('cluster_feed_seq'), NEW.site, 'site', NEW.tags, NEW.created_at);"
                + " PERFORM pg_notify('" + CHANNEL + "', ''); RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS vigil_feed_lock ON sites",
        "DROP TRIGGER IF EXISTS vigil_feed_row ON sites",
        "DROP TRIGGER IF EXISTS vigil_feed_lock ON events",
        "DROP TRIGGER IF EXISTS vigil_feed_row ON events",
        "DROP TRIGGER IF EXISTS vigil_feed_lock ON snapshots",
        "DROP TRIGGER IF EXISTS vigil_feed_row ON snapshots",
        "DROP TRIGGER IF EXISTS vigil_feed_lock ON alerts",
        "DROP TRIGGER IF EXISTS vigil_feed_row ON alerts",
        // the lock comes before the statement's first row: a row inserted before it could deadlock two batches
        "CREATE TRIGGER vigil_feed_lock BEFORE INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION vigil_feed_lock()",
        "CREATE TRIGGER vigil_feed_row AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION vigil_feed_event()",
        "CREATE TRIGGER vigil_feed_lock BEFORE INSERT OR UPDATE ON snapshots FOR EACH STATEMENT"
                + " EXECUTE FUNCTION vigil_feed_lock()",
        "CREATE TRIGGER vigil_feed_row AFTER INSERT OR UPDATE ON snapshots FOR EACH ROW"
                + " EXECUTE FUNCTION vigil_feed_snapshot()",
        "CREATE TRIGGER vigil_feed_lock BEFORE INSERT OR UPDATE ON sites FOR EACH STATEMENT"
                + " EXECUTE FUNCTION vigil_feed_lock()",
        "CREATE TRIGGER vigil_feed_row AFTER INSERT OR UPDATE ON sites FOR EACH ROW EXECUTE FUNCTION vigil_feed_site()",
        "CREATE TRIGGER vigil_feed_lock BEFORE INSERT OR UPDATE ON alerts FOR EACH STATEMENT"
                + " EXECUTE FUNCTION vigil_feed_lock()",
        "CREATE TRIGGER vigil_feed_row AFTER INSERT OR UPDATE ON alerts FOR EACH ROW"
                + " EXECUTE FUNCTION vigil_feed_alert()"
    };

    private final Database db;
    private final String upsertAlert;

    public ClusterStore(Database db) {
        if (db.dialect() != Dialect.POSTGRES) {
            throw new StoreException("several collectors need PostgreSQL", null);
        }
        this.db = db;
        this.upsertAlert = JdbcAlertStore.upsertSql(db.dialect());
    }

    /** Installs (again) the feed triggers; idempotent, safe while other collectors run. */
    public void install() {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : INSTALL) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    /**
     * Appends a row that no table's trigger writes (a site's metrics, stored per WAN elsewhere), in feed order like
     * the others.
     */
    public void append(String site, String kind, String body, Instant received) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", 0)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_feed (seq, site, kind, body,"
                    + " received_at) VALUES (nextval('cluster_feed_seq'), ?, ?, ?, ?)")) {
                ps.setString(1, site);
                ps.setString(2, kind);
                ps.setString(3, body);
                ps.setLong(4, received.toEpochMilli());
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_notify('" + CHANNEL + "', '')");
            }
            return null;
        });
    }

    /** Up to {@code limit} rows after {@code seq}, oldest first. */
    public List<FeedRow> after(long seq, int limit) {
        return rows(
                "SELECT seq, site, kind, body, received_at FROM cluster_feed WHERE seq > ? ORDER BY seq LIMIT ?",
                seq,
                limit);
    }

    /** The rows of the given sites' partition in (from, to], oldest first. */
    public List<FeedRow> between(long from, long to, java.util.function.Predicate<String> site) {
        List<FeedRow> out = new ArrayList<>();
        for (FeedRow r : rows(
                "SELECT seq, site, kind, body, received_at FROM cluster_feed WHERE seq > ? AND seq <= ? ORDER BY seq",
                from,
                to)) {
            if (site.test(r.site())) {
                out.add(r);
            }
        }
        return out;
    }

    private List<FeedRow> rows(String sql, long a, long b) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, a);
                ps.setLong(2, b);
                List<FeedRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FeedRow(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
                return out;
            }
        });
    }

    /** The newest feed number, 0 when empty. */
    public long tail() {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM cluster_feed")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** How far the rules have run for a partition (0 when never). */
    public long cursor(int part) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM cluster_cursors WHERE part = ?")) {
                ps.setInt(1, part);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cluster_cursors (part, seq) VALUES (?, 0) ON CONFLICT (part) DO NOTHING")) {
                ps.setInt(1, part);
                ps.executeUpdate();
            }
            return 0L;
        });
    }

    /**
     * Stores the alert changes the rules decided for feed rows and moves the partitions' cursors, in one
     * transaction. A cursor that is no longer where this collector left it means another collector reacted in the
     * meantime: nothing is stored and {@link LostPartitionException} names the partition.
     *
     * @param moves per partition: {expected cursor, new cursor}
     */
    public void react(List<AlertRecord> changed, Map<Integer, long[]> moves) {
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE cluster_cursors SET seq = ? WHERE part = ? AND seq = ?")) {
                for (Map.Entry<Integer, long[]> m : moves.entrySet()) {
                    ps.setLong(1, m.getValue()[1]);
                    ps.setInt(2, m.getKey());
                    ps.setLong(3, m.getValue()[0]);
                    if (ps.executeUpdate() != 1) {
                        throw new LostPartitionException(m.getKey());
                    }
                }
            }
            saveAlerts(c, changed);
            return null;
        });
    }

    private void saveAlerts(Connection c, List<AlertRecord> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(upsertAlert)) {
            for (AlertRecord a : changed) {
                JdbcAlertStore.bind(ps, a);
                ps.executeUpdate();
            }
        }
    }

    /** Deletes feed rows received before the instant; returns how many. */
    public int purgeBefore(Instant instant) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_feed WHERE received_at < ?")) {
                ps.setLong(1, instant.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
