package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link DeliveryStore} on H2 or PostgreSQL. */
final class JdbcDeliveryStore implements DeliveryStore {
    private static final String COLUMNS =
            "channel_id, channel_name, alert_id, site, kind, attempt, outcome, detail, at_ms";
    private static final int DETAIL_MAX = 400;

    private final Database db;

    JdbcDeliveryStore(Database db) {
        this.db = db;
    }

    @Override
    public void record(DeliveryRecord d) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notify_deliveries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, d.channelId());
                ps.setString(2, d.channelName());
                ps.setString(3, d.alertId());
                ps.setString(4, d.site());
                ps.setString(5, d.kind());
                ps.setInt(6, d.attempt());
                ps.setString(7, d.outcome());
                ps.setString(8, d.detail().length() > DETAIL_MAX ? d.detail().substring(0, DETAIL_MAX) : d.detail());
                ps.setLong(9, d.at().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_deliveries WHERE at_ms < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<DeliveryRecord> list(String alertId, String channelId, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (alertId != null) {
            where.append(" AND alert_id = ?");
            args.add(alertId);
        }
        if (channelId != null) {
            where.append(" AND channel_id = ?");
            args.add(channelId);
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, " + COLUMNS + " FROM notify_deliveries" + where + " ORDER BY id DESC LIMIT " + limit)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                List<DeliveryRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeliveryRecord(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getInt(7),
                                rs.getString(8),
                                rs.getString(9),
                                Instant.ofEpochMilli(rs.getLong(10))));
                    }
                }
                return out;
            }
        });
    }
}
