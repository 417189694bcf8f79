package dev.vigil.collector.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.WireCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StateChangeStore} in SQL: the range is an id range of the (site, id) index (through the site's
 * {@link IdTimeRange}), the type filter runs in the database, and only VRRP and action rows bring their payload
 * back, so a month of one site reads that site's rows of the month and hands Java the few that change state.
 */
final class JdbcStateChangeStore implements StateChangeStore {
    private static final String TYPE_IN = " AND event_type IN ("
            + String.join(", ", TYPES.stream().map(t -> "?").toList()) + ")";
    private static final String COLUMNS = "SELECT event_time, event_type, subject,"
            + " CASE WHEN event_type LIKE 'vrrp.%' OR event_type = 'action.executed' THEN payload END"
            + " FROM events WHERE site = ?";

    private final Database db;

    JdbcStateChangeStore(Database db) {
        this.db = db;
    }

    @Override
    public Changes between(String site, Instant from, Instant to) {
        return db.inTransaction(c -> {
            IdTimeRange range = IdTimeRanges.of(c, site).orElse(null);
            if (range == null) {
                return new Changes(List.of(), List.of());
            }
            return new Changes(before(c, site, from, range), within(c, site, from, to, range));
        });
    }

    private static List<StateChange> within(Connection c, String site, Instant from, Instant to, IdTimeRange range)
            throws SQLException {
        StringBuilder sql =
                new StringBuilder(COLUMNS).append(TYPE_IN).append(" AND event_time >= ? AND event_time < ?");
        List<Object> args = new ArrayList<>();
        args.add(site);
        args.addAll(TYPES);
        args.add(from.toEpochMilli());
        args.add(to.toEpochMilli());
        String idFrom = range.idFrom(from.toEpochMilli());
        if (idFrom != null) {
            sql.append(" AND id >= ?");
            args.add(idFrom);
        }
        String idAfter = range.idAfter(to.toEpochMilli());
        if (idAfter != null) {
            sql.append(" AND id < ?");
            args.add(idAfter);
        }
        sql.append(" ORDER BY site, id");
        List<StateChange> out = read(c, sql.toString(), args);
        out.sort(Comparator.comparing(StateChange::time));
        return out;
    }

    private static List<StateChange> before(Connection c, String site, Instant from, IdTimeRange range)
            throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(TYPE_IN).append(" AND event_time < ?");
        List<Object> args = new ArrayList<>();
        args.add(site);
        args.addAll(TYPES);
        args.add(from.toEpochMilli());
        String idAfter = range.idAfter(from.toEpochMilli());
        if (idAfter != null) {
            sql.append(" AND id < ?");
            args.add(idAfter);
        }
        // DESC on both columns: H2 then walks the (site, id) index backwards and stops at the limit
        sql.append(" ORDER BY site DESC, id DESC LIMIT ").append(LOOKBACK);
        List<StateChange> rows = read(c, sql.toString(), args);
        rows.sort(Comparator.comparing(StateChange::time).reversed());
        Map<String, StateChange> newest = new LinkedHashMap<>();
        for (StateChange s : rows) {
            if (!s.type().equals(EventTypes.ACTION_EXECUTED)) {
                newest.putIfAbsent(s.subject(), s);
            }
        }
        List<StateChange> out = new ArrayList<>(newest.values());
        out.sort(Comparator.comparing(StateChange::time));
        return out;
    }

    private static List<StateChange> read(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<StateChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }

    private static StateChange change(long time, String type, String subject, String payload) {
        String master = null;
        boolean dryRun = false;
        if (payload != null) {
            JsonNode data = WireCodec.readTree(payload).path("data");
            if (type.equals(EventTypes.VRRP_MASTER_ELECTED) || type.equals(EventTypes.VRRP_MASTER_CHANGED)) {
                master = data.path("master").asText(null);
            }
            dryRun = data.path("dry_run").asBoolean(false);
        }
        return new StateChange(Instant.ofEpochMilli(time), type, subject, master, dryRun);
    }

    @Override
    public boolean everStored(String site) {
        return db.inTransaction(c -> IdTimeRanges.of(c, site).isPresent());
    }
}
