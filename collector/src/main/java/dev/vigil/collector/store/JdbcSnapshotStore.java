package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link SnapshotStore} on H2 or PostgreSQL. */
public final class JdbcSnapshotStore implements SnapshotStore {
    private final Database db;
    private final String upsert;

    public JdbcSnapshotStore(Database db) {
        this.db = db;
        this.upsert =
                db.dialect().upsert("snapshots", "site, kind", new String[] {"site", "kind", "payload", "updated_at"});
    }

    @Override
    public void put(Snapshot s) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, s.site());
                ps.setString(2, s.kind());
                ps.setString(3, s.payload());
                ps.setLong(4, s.updatedAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Snapshot> all() {
        return db.inTransaction(c -> {
            List<Snapshot> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT site, kind, payload, updated_at FROM snapshots");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Snapshot(
                            rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return out;
        });
    }

    @Override
    public String baseline(String site, String group, String master) {
        return db.inTransaction(c -> {
            try (PreparedStatement find =
                    c.prepareStatement("SELECT master FROM vrrp_baseline WHERE site = ? AND grp = ?")) {
                find.setString(1, site);
                find.setString(2, group);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            try (PreparedStatement ins =
                    c.prepareStatement("INSERT INTO vrrp_baseline (site, grp, master) VALUES (?, ?, ?)")) {
                ins.setString(1, site);
                ins.setString(2, group);
                ins.setString(3, master);
                ins.executeUpdate();
            }
            return master;
        });
    }

    @Override
    public Map<String, Map<String, String>> baselines() {
        return db.inTransaction(c -> {
            Map<String, Map<String, String>> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT site, grp, master FROM vrrp_baseline");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            return out;
        });
    }
}
