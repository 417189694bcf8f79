package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link MetricStore} on H2 or PostgreSQL. */
public final class JdbcMetricStore implements MetricStore {
    private final Database db;

    public JdbcMetricStore(Database db) {
        this.db = db;
    }

    @Override
    public void append(String site, List<MetricPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metrics (site, sample_time, wan, rtt_ms,"
                    + " loss_pct, jitter_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (MetricPoint p : points) {
                    ps.setString(1, site);
                    ps.setLong(2, p.time().toEpochMilli());
                    ps.setString(3, p.wan());
                    setDouble(ps, 4, p.rttMs());
                    setDouble(ps, 5, p.lossPct());
                    setDouble(ps, 6, p.jitterMs());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<MetricPoint> find(String site, Instant from, Instant to, String wan) {
        String sql = "SELECT wan, sample_time, rtt_ms, loss_pct, jitter_ms FROM metrics WHERE site = ? AND"
                + " sample_time >= ? AND sample_time <= ?" + (wan == null ? "" : " AND wan = ?")
                + " ORDER BY sample_time LIMIT 100000";
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, site);
                ps.setLong(2, from.toEpochMilli());
                ps.setLong(3, to.toEpochMilli());
                if (wan != null) {
                    ps.setString(4, wan);
                }
                List<MetricPoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MetricPoint(
                                rs.getString(1),
                                Instant.ofEpochMilli(rs.getLong(2)),
                                getDouble(rs, 3),
                                getDouble(rs, 4),
                                getDouble(rs, 5)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int purgeBefore(Instant instant) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM metrics WHERE sample_time < ?")) {
                ps.setLong(1, instant.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static Double getDouble(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }
}
