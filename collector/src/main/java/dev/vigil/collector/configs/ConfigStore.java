package dev.vigil.collector.configs;

import dev.vigil.collector.store.Database;
import dev.vigil.collector.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tables {@code config_versions} and {@code config_exports}. Blocking: call from a worker. Version numbers count up
 * per router and are the primary key with site and router, so two collectors that store a version of the same router
 * at once cannot both take the next number: the later insert fails its constraint, its transaction is retried and then
 * sees the other's version.
 */
final class ConfigStore {
    private static final int ATTEMPTS = 20;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String VERSION_COLUMNS = "version, sha256, bytes, created_at, last_confirmed_at";

    enum Outcome {
        NEW_VERSION,
        UNCHANGED,
        STALE,
        ALREADY_DONE
    }

    /** What storing an export did, and the version it created or confirmed (0 when none). */
    record Recorded(Outcome outcome, int version) {}

    private final Database db;

    ConfigStore(Database db) {
        this.db = db;
    }

    /** True when the export was stored, confirmed or rejected before. */
    boolean done(String site, String exportId) {
        return db.inTransaction(c -> exportDone(c, site, exportId));
    }

    /**
     * Stores the export as the router's next version, or moves the latest version's {@code last_confirmed_at} when the
     * text is the same. An export older than the latest version's last confirmation with another text is {@link
     * Outcome#STALE} (it arrived late; the newer version stays the latest). Idempotent by export id.
     */
    Recorded record(ExportText export, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(c -> recordOnce(c, export, now));
            } catch (StoreException e) {
                if (attempt >= ATTEMPTS || !uniqueViolation(e)) {
                    throw e;
                }
                // another collector stored the same router's next version (or this export) meanwhile: look again
            }
        }
    }

    /** Remembers an export whose parts did not assemble, so that a redelivery is not judged again. */
    void rejected(String site, String router, String exportId, Instant now) {
        try {
            db.inTransaction(c -> {
                if (!exportDone(c, site, exportId)) {
                    markExport(c, site, router, exportId, "rejected", now);
                }
                return null;
            });
        } catch (StoreException e) {
            if (!uniqueViolation(e)) {
                throw e;
            }
        }
    }

    private Recorded recordOnce(Connection c, ExportText export, Instant now) throws SQLException {
        if (exportDone(c, export.site(), export.exportId())) {
            return new Recorded(Outcome.ALREADY_DONE, 0);
        }
        Optional<ConfigVersion> latest = latest(c, export.site(), export.router());
        Recorded recorded;
        if (latest.isPresent() && latest.get().sha256().equals(export.sha256())) {
            confirm(c, export, latest.get().id());
            recorded = new Recorded(Outcome.UNCHANGED, latest.get().id());
        } else if (latest.isPresent()
                && export.exportedAt().isBefore(latest.get().lastConfirmedAt())) {
            recorded = new Recorded(Outcome.STALE, 0);
        } else {
            int next = latest.map(v -> v.id() + 1).orElse(1);
            insert(c, export, next);
            recorded = new Recorded(Outcome.NEW_VERSION, next);
        }
        markExport(
                c,
                export.site(),
                export.router(),
                export.exportId(),
                recorded.outcome().name().toLowerCase(java.util.Locale.ROOT),
                now);
        return recorded;
    }

    private static boolean exportDone(Connection c, String site, String exportId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM config_exports WHERE site = ? AND export_id = ?")) {
            ps.setString(1, site);
            ps.setString(2, exportId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void markExport(
            Connection c, String site, String router, String exportId, String outcome, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO config_exports (site, export_id, router, outcome, done_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, site);
            ps.setString(2, exportId);
            ps.setString(3, router);
            ps.setString(4, outcome);
            ps.setLong(5, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static Optional<ConfigVersion> latest(Connection c, String site, String router) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + VERSION_COLUMNS
                        + " FROM config_versions WHERE site = ? AND router = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, site);
            ps.setString(2, router);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    private static void confirm(Connection c, ExportText export, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE config_versions SET last_confirmed_at = ?"
                + " WHERE site = ? AND router = ? AND version = ? AND last_confirmed_at < ?")) {
            ps.setLong(1, export.exportedAt().toEpochMilli());
            ps.setString(2, export.site());
            ps.setString(3, export.router());
            ps.setInt(4, version);
            ps.setLong(5, export.exportedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static void insert(Connection c, ExportText export, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO config_versions (site, router, version, sha256,"
                        + " bytes, config_text, created_at, last_confirmed_at, export_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, export.site());
            ps.setString(2, export.router());
            ps.setInt(3, version);
            ps.setString(4, export.sha256());
            ps.setInt(5, export.bytes());
            ps.setString(6, export.text());
            ps.setLong(7, export.exportedAt().toEpochMilli());
            ps.setLong(8, export.exportedAt().toEpochMilli());
            ps.setString(9, export.exportId());
            ps.executeUpdate();
        }
    }

    /** The site's routers that have versions, by name. */
    List<RouterHistory> routers(String site) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT v.router, v." + VERSION_COLUMNS.replace(", ", ", v.")
                    + ", n.versions FROM config_versions v JOIN (SELECT router, MAX(version) AS latest, COUNT(*) AS"
                    + " versions FROM config_versions WHERE site = ? GROUP BY router) n ON v.router = n.router AND"
                    + " v.version = n.latest WHERE v.site = ? ORDER BY v.router")) {
                ps.setString(1, site);
                ps.setString(2, site);
                List<RouterHistory> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RouterHistory(rs.getString("router"), rs.getInt("versions"), version(rs)));
                    }
                }
                return out;
            }
        });
    }

    /** The router's versions, newest first; empty when it has none. */
    List<ConfigVersion> versions(String site, String router) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                    + " FROM config_versions WHERE site = ? AND router = ? ORDER BY version DESC")) {
                ps.setString(1, site);
                ps.setString(2, router);
                List<ConfigVersion> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(version(rs));
                    }
                }
                return out;
            }
        });
    }

    Optional<String> text(String site, String router, int version) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT config_text FROM config_versions WHERE site = ? AND router = ? AND version = ?")) {
                ps.setString(1, site);
                ps.setString(2, router);
                ps.setInt(3, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Deletes the versions beyond the retention of every router, or of one router when {@code router} is not null; the
     * latest version of a router always stays. Returns how many were deleted.
     */
    int purge(ConfigRetention retention, String site, String router, Instant now) {
        Instant cutoff = retention.cutoff(now);
        String latest = "(SELECT MAX(m.version) FROM config_versions m WHERE m.site = v.site AND m.router = v.router)";
        String sql = "DELETE FROM config_versions v WHERE v.version < " + latest + " AND (v.version <= " + latest
                + " - ? OR v.last_confirmed_at < ?)" + (router == null ? "" : " AND v.site = ? AND v.router = ?");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, retention.keep() == 0 ? 1_000_000_000 : retention.keep());
                ps.setLong(2, cutoff == null ? Long.MIN_VALUE : cutoff.toEpochMilli());
                if (router != null) {
                    ps.setString(3, site);
                    ps.setString(4, router);
                }
                return ps.executeUpdate();
            }
        });
    }

    /** Forgets the ids of exports finished before the instant; returns how many. */
    int forgetExportsBefore(Instant instant) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM config_exports WHERE done_at < ?")) {
                ps.setLong(1, instant.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static ConfigVersion version(ResultSet rs) throws SQLException {
        return new ConfigVersion(
                rs.getInt("version"),
                rs.getString("sha256"),
                rs.getInt("bytes"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("last_confirmed_at")));
    }

    private static boolean uniqueViolation(StoreException e) {
        return e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }
}
