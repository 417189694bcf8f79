package dev.vigil.collector.store;

import dev.vigil.protocol.EventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StateChangeStore} on the {@code state_changes} table ({@link StateChangeTable}): both queries are ranges of
 * its (site, event_time, …) index, which holds every column they read, so the database reads neither the events
 * table nor any change outside the site and range.
 */
final class JdbcStateChangeStore implements StateChangeStore {
    private static final String COLUMNS =
            "SELECT event_time, event_type, subject, master, dry_run FROM state_changes WHERE site = ?";
    private static final String WITHIN =
            COLUMNS + " AND event_time >= ? AND event_time < ? ORDER BY site, event_time, id";
    // DESC on every column: the index is walked backwards and the walk stops at the limit
    private static final String BEFORE =
            COLUMNS + " AND event_time < ? ORDER BY site DESC, event_time DESC, id DESC" + " LIMIT " + LOOKBACK;

    private final Database db;

    JdbcStateChangeStore(Database db) {
        this.db = db;
    }

    @Override
    public Changes between(String site, Instant from, Instant to) {
        return db.inTransaction(c -> new Changes(
                newestOfEachSubject(read(c, BEFORE, site, from.toEpochMilli())),
                read(c, WITHIN, site, from.toEpochMilli(), to.toEpochMilli())));
    }

    /** {@code newestFirst} reversed to oldest first, keeping the newest state of each subject (no actions). */
    private static List<StateChange> newestOfEachSubject(List<StateChange> newestFirst) {
        Map<String, StateChange> newest = new LinkedHashMap<>();
        for (StateChange s : newestFirst) {
            if (!s.type().equals(EventTypes.ACTION_EXECUTED)) {
                newest.putIfAbsent(s.subject(), s);
            }
        }
        List<StateChange> out = new ArrayList<>(newest.values());
        Collections.reverse(out);
        return out;
    }

    private static List<StateChange> read(Connection c, String sql, String site, long... times) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, site);
            for (int i = 0; i < times.length; i++) {
                ps.setLong(i + 2, times[i]);
            }
            List<StateChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StateChange(
                            Instant.ofEpochMilli(rs.getLong(1)),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
            return out;
        }
    }

    @Override
    public boolean everStored(String site) {
        return db.inTransaction(c -> IdTimeRanges.of(c, site).isPresent());
    }
}
