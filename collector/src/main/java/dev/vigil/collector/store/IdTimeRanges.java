package dev.vigil.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link IdTimeRange} of every site, in {@code event_id_times}, so that event-time queries and the retention can
 * use id ranges (events are indexed by id and by (site, id) only). A range only widens — a purge does not narrow it
 * — and it is widened in the transaction that stores the events, so no stored event ever falls outside it. The
 * ranges already stored are remembered, so the table is written only when an event falls outside them.
 */
final class IdTimeRanges {
    private final String widen;
    private final Map<String, IdTimeRange> stored = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    IdTimeRanges(Dialect dialect) {
        this.widen = dialect == Dialect.POSTGRES
                ? "INSERT INTO event_id_times (site, time_min_ms, time_max_ms, receipt_max_ms) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (site) DO UPDATE SET"
                        + " time_min_ms = LEAST(event_id_times.time_min_ms, EXCLUDED.time_min_ms),"
                        + " time_max_ms = GREATEST(event_id_times.time_max_ms, EXCLUDED.time_max_ms),"
                        + " receipt_max_ms = GREATEST(event_id_times.receipt_max_ms, EXCLUDED.receipt_max_ms)"
                : "MERGE INTO event_id_times t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS BIGINT),"
                        + " CAST(? AS BIGINT), CAST(? AS BIGINT))) s(site, time_min_ms, time_max_ms, receipt_max_ms)"
                        + " ON t.site = s.site WHEN MATCHED THEN UPDATE SET"
                        + " time_min_ms = LEAST(t.time_min_ms, s.time_min_ms),"
                        + " time_max_ms = GREATEST(t.time_max_ms, s.time_max_ms),"
                        + " receipt_max_ms = GREATEST(t.receipt_max_ms, s.receipt_max_ms)"
                        + " WHEN NOT MATCHED THEN INSERT (site, time_min_ms, time_max_ms, receipt_max_ms)"
                        + " VALUES (s.site, s.time_min_ms, s.time_max_ms, s.receipt_max_ms)";
    }

    /**
     * Widens, inside the caller's transaction, the ranges that the events fall outside of. Returns what was written:
     * hand it to {@link #committed} once the transaction has committed.
     */
    Map<String, IdTimeRange> widen(Connection c, List<StoredEvent> events) throws SQLException {
        load(c);
        Map<String, IdTimeRange> wider = new HashMap<>();
        for (StoredEvent e : events) {
            IdTimeRange range = IdTimeRange.of(e);
            String site = e.event().site();
            IdTimeRange known = wider.getOrDefault(site, stored.get(site));
            if (known == null || !known.covers(range)) {
                wider.put(site, known == null ? range : known.union(range));
            }
        }
        if (!wider.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(widen)) {
                for (Map.Entry<String, IdTimeRange> w : wider.entrySet()) {
                    ps.setString(1, w.getKey());
                    ps.setLong(2, w.getValue().timeMin());
                    ps.setLong(3, w.getValue().timeMax());
                    ps.setLong(4, w.getValue().receiptMax());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return wider;
    }

    void committed(Map<String, IdTimeRange> written) {
        written.forEach((site, range) -> stored.merge(site, range, IdTimeRange::union));
    }

    /** The stored range of a site; empty when none of its events has been stored. */
    static Optional<IdTimeRange> of(Connection c, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT time_min_ms, time_max_ms, receipt_max_ms FROM event_id_times WHERE site = ?")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new IdTimeRange(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /** The largest {@code id − received_at} of all stored events; 0 when none is stored. */
    static long receiptMax(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(receipt_max_ms) FROM event_id_times");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void load(Connection c) throws SQLException {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT site, time_min_ms, time_max_ms, receipt_max_ms FROM event_id_times");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.merge(
                            rs.getString(1),
                            new IdTimeRange(rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                            IdTimeRange::union);
                }
            }
            loaded = true;
        }
    }
}
