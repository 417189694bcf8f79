package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link ChannelStore} on H2 or PostgreSQL. */
final class JdbcChannelStore implements ChannelStore {
    private static final String COLUMNS =
            "id, name, url, quiet_from, quiet_to, quiet_zone, critical_overrides, created_at";

    private final Database db;

    JdbcChannelStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(ChannelRecord ch) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notify_channels (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, ch.id());
                ps.setString(2, ch.name());
                ps.setString(3, ch.url());
                setNullable(ps, 4, ch.quietFrom());
                setNullable(ps, 5, ch.quietTo());
                setNullable(ps, 6, ch.quietZone());
                ps.setBoolean(7, ch.criticalOverrides());
                ps.setLong(8, ch.createdAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws java.sql.SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    @Override
    public boolean delete(String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_channels WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<ChannelRecord> all() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM notify_channels ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                List<ChannelRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ChannelRecord(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBoolean(7),
                            Instant.ofEpochMilli(rs.getLong(8))));
                }
                return out;
            }
        });
    }
}
