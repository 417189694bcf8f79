package dev.vigil.collector.store;

import dev.vigil.protocol.Event;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventStore} on H2 or PostgreSQL; batched inserts that skip known ids. Events are indexed by id (the primary
 * key) and by (site, id) only — every further index made each insert dearer — so event-time queries and the retention
 * run on id ranges, through the {@link IdTimeRanges} of the sites.
 */
public final class JdbcEventStore implements EventStore {
    private static final String[] COLUMNS = {
        "id", "site", "seq", "event_time", "event_type", "severity", "subject", "payload", "received_at"
    };

    /** SQLSTATE of a unique constraint violation. */
    private static final String DUPLICATE_KEY = "23505";

    private final Database db;
    private final String insert;
    private final boolean singleWriter;
    private final IdTimeRanges ranges;
    private final StateChangeTable stateChanges;

    public JdbcEventStore(Database db) {
        this.db = db;
        this.singleWriter = db.dialect() == Dialect.H2;
        this.insert = db.dialect().insertOnce("events", "id", COLUMNS);
        this.ranges = new IdTimeRanges(db.dialect());
        this.stateChanges = new StateChangeTable(db.dialect());
    }

    @Override
    public List<Boolean> append(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<java.util.Map<String, IdTimeRange>> widened = new ArrayList<>(1);
        List<Boolean> fresh = db.inTransaction(c -> {
            widened.add(ranges.widen(c, events));
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
                List<Boolean> stored = fresh(inBatch, executeSkippingKnownIds(ps));
                List<StoredEvent> first = new ArrayList<>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    if (stored.get(i)) {
                        first.add(events.get(i));
                    }
                }
                stateChanges.insert(c, first);
                return stored;
            }
        });
        ranges.committed(widened.get(0));
        return fresh;
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
        return db.inTransaction(c -> {
            EventSelect select = EventSelect.of(q, IdTimeRanges.of(c, q.site()).orElse(IdTimeRange.UNBOUNDED));
            try (PreparedStatement ps = c.prepareStatement(select.sql())) {
                select.bind(ps);
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

    /**
     * On the primary key: {@code received_at} has no index, but no event received before the instant has an id
     * later than the instant plus the largest {@code id − received_at} stored ({@link IdTimeRange#receiptMax}).
     */
    @Override
    public int purgeReceivedBefore(java.time.Instant instant) {
        return db.inTransaction(c -> {
            long cutoff = instant.toEpochMilli();
            long idBound = IdTimeRange.saturatedAdd(cutoff, IdTimeRanges.receiptMax(c));
            boolean bounded = idBound >= 0 && idBound <= EventIdTime.MAX_MILLIS;
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM events WHERE received_at < ?" + (bounded ? " AND id < ?" : ""))) {
                ps.setLong(1, cutoff);
                String idBelow = bounded ? EventIdTime.first(idBound) : null;
                if (idBelow != null) {
                    ps.setString(2, idBelow);
                }
                int purged = ps.executeUpdate();
                StateChangeTable.purge(c, cutoff, idBelow);
                return purged;
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
}
