package dev.vigil.collector.store;

import dev.vigil.protocol.Event;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link EventStore} on H2 or PostgreSQL; batched inserts that skip known ids. */
public final class JdbcEventStore implements EventStore {
    private static final String[] COLUMNS = {
        "id", "site", "seq", "event_time", "event_type", "severity", "subject", "payload", "received_at"
    };

    /** SQLSTATE of a unique constraint violation. */
    private static final String DUPLICATE_KEY = "23505";

    private final Database db;
    private final String insert;
    private final boolean singleWriter;

    public JdbcEventStore(Database db) {
        this.db = db;
        // H2: plain INSERT (much cheaper than H2's MERGE); a known id fails its row only. PostgreSQL aborts the whole
        // transaction on an error, so there: INSERT … ON CONFLICT DO NOTHING.
        this.singleWriter = db.dialect() == Dialect.H2;
        this.insert = singleWriter
                ? "INSERT INTO events (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : db.dialect().insertIgnore("events", "id", COLUMNS);
    }

    @Override
    public List<Boolean> append(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<Boolean> inBatch = new ArrayList<>(events.size());
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (StoredEvent stored : events) {
                    Event e = stored.event();
                    boolean first = seen.add(e.id());
                    inBatch.add(first);
                    if (!first) {
                        continue; // the same id twice in one batch: a retry that overtook its original
                    }
                    ps.setString(1, e.id());
                    ps.setString(2, e.site());
                    ps.setLong(3, e.seq());
                    ps.setLong(4, e.time().toEpochMilli());
                    ps.setString(5, e.type());
                    ps.setString(6, e.severity().wireName());
                    ps.setString(7, e.subject());
                    ps.setString(8, stored.json());
                    ps.setLong(9, stored.receivedAt().toEpochMilli());
                    ps.addBatch();
                }
                return fresh(inBatch, executeSkippingKnownIds(ps));
            }
        });
    }

    /**
     * The update count per row. On H2 the rows are plain INSERTs: a known id (rare: retries) fails on the primary key
     * while H2 goes on with the rest of the batch, and counts as not inserted; any other failure fails the batch.
     */
    private int[] executeSkippingKnownIds(PreparedStatement ps) throws java.sql.SQLException {
        try {
            return ps.executeBatch();
        } catch (java.sql.BatchUpdateException e) {
            if (!singleWriter || !onlyDuplicateKeys(e)) {
                throw e;
            }
            return e.getUpdateCounts();
        }
    }

    private static boolean onlyDuplicateKeys(java.sql.BatchUpdateException e) {
        if (e.getNextException() == null) {
            return DUPLICATE_KEY.equals(e.getSQLState());
        }
        for (java.sql.SQLException n = e.getNextException(); n != null; n = n.getNextException()) {
            if (!DUPLICATE_KEY.equals(n.getSQLState())) {
                return false;
            }
        }
        return true;
    }

    private static List<Boolean> fresh(List<Boolean> inBatch, int[] counts) {
        List<Boolean> out = new ArrayList<>(inBatch.size());
        int row = 0;
        for (boolean first : inBatch) {
            if (!first) {
                out.add(false);
                continue;
            }
            if (row >= counts.length) {
                throw new StoreException(
                        "the database reported " + counts.length + " results for a larger batch", null);
            }
            int count = counts[row++];
            out.add(count > 0 || count == java.sql.Statement.SUCCESS_NO_INFO);
        }
        return out;
    }

    @Override
    public EventPage find(EventQuery q) {
        StringBuilder sql = new StringBuilder("SELECT id, payload FROM events WHERE site = ?");
        List<Object> args = new ArrayList<>(List.of(q.site()));
        if (q.from() != null) {
            sql.append(" AND event_time >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND event_time <= ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.type() != null && q.type().endsWith(".*")) {
            sql.append(" AND event_type LIKE ? ESCAPE '!'");
            args.add(escapeLike(q.type().substring(0, q.type().length() - 1)) + "%");
        } else if (q.type() != null) {
            sql.append(" AND event_type = ?");
            args.add(q.type());
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit() + 1);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<String> json = new ArrayList<>();
                String lastId = null;
                boolean more = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (json.size() == q.limit()) {
                            more = true;
                            break;
                        }
                        lastId = rs.getString(1);
                        json.add(rs.getString(2));
                    }
                }
                return new EventPage(json, more ? lastId : null);
            }
        });
    }

    @Override
    public int purgeReceivedBefore(java.time.Instant instant) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE received_at < ?")) {
                ps.setLong(1, instant.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public long count() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
