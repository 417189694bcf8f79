package dev.vigil.collector.store;

import dev.vigil.protocol.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AlertStore} on H2 or PostgreSQL. */
public final class JdbcAlertStore implements AlertStore {
    private static final String[] COLUMNS = {
        "id",
        "site",
        "rule",
        "subject",
        "severity",
        "alert_state",
        "title",
        "body",
        "link",
        "opened_at",
        "updated_at",
        "acknowledged_by"
    };
    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM alerts";

    private final Database db;
    private final String upsert;

    public JdbcAlertStore(Database db) {
        this.db = db;
        this.upsert = upsertSql(db.dialect());
    }

    @Override
    public void save(AlertRecord a) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                bind(ps, a);
                ps.executeUpdate();
            }
            return null;
        });
    }

    static String upsertSql(Dialect dialect) {
        return dialect.upsert("alerts", "id", COLUMNS);
    }

    static void bind(PreparedStatement ps, AlertRecord a) throws SQLException {
        ps.setString(1, a.id());
        ps.setString(2, a.site());
        ps.setString(3, a.rule());
        ps.setString(4, a.subject());
        ps.setString(5, a.severity().wireName());
        ps.setString(6, a.state());
        ps.setString(7, a.title());
        ps.setString(8, a.body());
        ps.setString(9, a.link());
        ps.setLong(10, a.openedAt().toEpochMilli());
        ps.setLong(11, a.updatedAt().toEpochMilli());
        ps.setString(12, a.acknowledgedBy());
    }

    @Override
    public Optional<AlertRecord> find(String id) {
        return query(" WHERE id = ?", List.of(id), 1).stream().findFirst();
    }

    @Override
    public List<AlertRecord> list(String state, String site, String severity, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            where.append(" AND alert_state = ?");
            args.add(state);
        }
        if (site != null) {
            where.append(" AND site = ?");
            args.add(site);
        }
        if (severity != null) {
            where.append(" AND severity = ?");
            args.add(severity);
        }
        return query(where + " ORDER BY updated_at DESC, id DESC", args, limit);
    }

    private List<AlertRecord> query(String where, List<Object> args, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + where + " LIMIT " + limit)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<AlertRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The SQL expression (PostgreSQL) of an alerts row as a JSON array of its columns, for the cluster feed: a
     * collector following the feed takes the alert from the row instead of reading it back.
     */
    static String feedJson(String row) {
        return "json_build_array("
                + java.util.Arrays.stream(COLUMNS)
                        .map(c -> row + "." + c)
                        .collect(java.util.stream.Collectors.joining(", "))
                + ")::text";
    }

    /** An alert from {@link #feedJson}'s text. */
    public static AlertRecord fromFeed(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode a = FEED_JSON.readTree(json);
            return new AlertRecord(
                    a.get(0).asText(),
                    a.get(1).asText(),
                    a.get(2).asText(),
                    a.get(3).asText(),
                    Severity.fromWire(a.get(4).asText()),
                    a.get(5).asText(),
                    a.get(6).asText(),
                    a.get(7).asText(),
                    a.get(8).isNull() ? null : a.get(8).asText(),
                    Instant.ofEpochMilli(a.get(9).asLong()),
                    Instant.ofEpochMilli(a.get(10).asLong()),
                    a.get(11).isNull() ? null : a.get(11).asText());
        } catch (java.io.IOException e) {
            throw new StoreException("unreadable alert in the feed: " + e.getMessage(), e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper FEED_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static AlertRecord read(ResultSet rs) throws SQLException {
        return new AlertRecord(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Severity.fromWire(rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                Instant.ofEpochMilli(rs.getLong(10)),
                Instant.ofEpochMilli(rs.getLong(11)),
                rs.getString(12));
    }
}
