package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only {@code audit_log} table: rows are inserted (a row whose id exists is skipped, so a redelivered
 * event adds nothing) and read; the only delete is the retention purge of rows older than the audit retention.
 */
public final class JdbcAuditStore {
    private static final String[] COLUMNS = {
        "id", "event_time", "kind", "actor", "site", "customer", "outcome", "summary", "details", "source"
    };

    private final Database db;

    public JdbcAuditStore(Database db) {
        this.db = db;
    }

    /** Inserts the records in one transaction; returns how many were new. Blocking. */
    public int append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().insertIgnore("audit_log", "id", COLUMNS))) {
                for (AuditRecord r : records) {
                    ps.setString(1, r.id());
                    ps.setLong(2, r.time().toEpochMilli());
                    ps.setString(3, r.kind());
                    ps.setString(4, r.actor());
                    setNullable(ps, 5, r.site());
                    setNullable(ps, 6, r.customer());
                    ps.setString(7, r.outcome());
                    ps.setString(8, r.summary());
                    ps.setString(9, r.details());
                    setNullable(ps, 10, r.source());
                    ps.addBatch();
                }
                int added = 0;
                for (int n : ps.executeBatch()) {
                    added += Math.max(0, n);
                }
                return added;
            }
        });
    }

    /** A page of entries, newest first. Blocking. */
    public List<AuditRecord> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", COLUMNS) + " FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, " AND site = ?", q.site());
        where(sql, args, " AND actor = ?", q.actor());
        where(sql, args, " AND customer = ?", q.customer());
        where(sql, args, " AND id < ?", q.before());
        if (q.kind() != null) {
            if (q.kind().endsWith(".")) {
                sql.append(" AND kind LIKE ? ESCAPE '!'");
                args.add(q.kind().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            } else {
                where(sql, args, " AND kind = ?", q.kind());
            }
        }
        if (q.from() != null) {
            where(sql, args, " AND event_time >= ?", q.from().toEpochMilli());
        }
        if (q.to() != null) {
            where(sql, args, " AND event_time < ?", q.to().toEpochMilli());
        }
        if (q.sitesOnly()) {
            sql.append(" AND site IS NOT NULL");
        }
        sql.append(" ORDER BY id DESC");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                ps.setMaxRows(q.limit());
                List<AuditRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditRecord(
                                rs.getString(1),
                                Instant.ofEpochMilli(rs.getLong(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                rs.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    /** The retention purge: deletes entries older than {@code cutoff}; returns how many. Blocking. */
    public int purgeBefore(Instant cutoff) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE event_time < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
