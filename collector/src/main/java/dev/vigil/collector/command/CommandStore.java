package dev.vigil.collector.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.store.Database;
import dev.vigil.protocol.WireCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The {@code commands} table (migration V9) on H2 or PostgreSQL. Blocking. */
final class CommandStore {
    private static final String COLUMNS = "id, site, action, issuer, issued_at, expires_at, status, reason, detail,"
            + " result, drill, updated_at, envelope";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM commands";

    private final Database db;

    CommandStore(Database db) {
        this.db = db;
    }

    void insert(CommandRecord c) {
        db.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO commands (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, c.id());
                ps.setString(2, c.site());
                ps.setString(3, c.action());
                ps.setString(4, c.issuer());
                ps.setLong(5, c.issuedAt().toEpochMilli());
                ps.setLong(6, c.expiresAt().toEpochMilli());
                ps.setString(7, c.status());
                ps.setString(8, c.reason());
                ps.setString(9, c.detail());
                setJson(ps, 10, c.result());
                setJson(ps, 11, c.drill());
                ps.setLong(12, c.updatedAt().toEpochMilli());
                ps.setString(13, c.envelope());
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<CommandRecord> find(String id) {
        return db.inTransaction(conn -> one(conn, id, false));
    }

    /** The site's commands, newest first. */
    List<CommandRecord> recent(String site, int limit) {
        return db.inTransaction(conn ->
                list(conn, SELECT + " WHERE site = ? ORDER BY id DESC LIMIT " + limit, ps -> ps.setString(1, site)));
    }

    /** The site's newest failover drill that reported its figures. */
    Optional<CommandRecord> lastDrill(String site) {
        return db.inTransaction(conn -> list(
                        conn,
                        SELECT + " WHERE site = ? AND drill IS NOT NULL ORDER BY id DESC LIMIT 1",
                        ps -> ps.setString(1, site))
                .stream()
                .findFirst());
    }

    /**
     * Changes one command under a row lock; {@code change} returns the new record, or the same one for no change.
     *
     * @return the record after the change when it changed; empty when unknown or unchanged
     */
    Optional<CommandRecord> update(String id, UnaryOperator<CommandRecord> change) {
        return db.inTransaction(conn -> {
            Optional<CommandRecord> before = one(conn, id, true);
            if (before.isEmpty()) {
                return Optional.<CommandRecord>empty();
            }
            CommandRecord after = change.apply(before.get());
            if (after.equals(before.get())) {
                return Optional.<CommandRecord>empty();
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE commands SET status = ?, reason = ?, detail = ?,"
                    + " result = ?, drill = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, after.status());
                ps.setString(2, after.reason());
                ps.setString(3, after.detail());
                setJson(ps, 4, after.result());
                setJson(ps, 5, after.drill());
                ps.setLong(6, after.updatedAt().toEpochMilli());
                ps.setString(7, id);
                ps.executeUpdate();
            }
            return Optional.of(after);
        });
    }

    /** Ids of sent commands whose expiry is before {@code now}. */
    List<String> overdue(Instant now) {
        return db.inTransaction(conn -> list(
                        conn,
                        SELECT + " WHERE status = 'sent' AND expires_at < ? ORDER BY id LIMIT 1000",
                        ps -> ps.setLong(1, now.toEpochMilli()))
                .stream()
                .map(CommandRecord::id)
                .toList());
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static Optional<CommandRecord> one(Connection conn, String id, boolean lock) throws SQLException {
        return list(conn, SELECT + " WHERE id = ?" + (lock ? " FOR UPDATE" : ""), ps -> ps.setString(1, id)).stream()
                .findFirst();
    }

    private static List<CommandRecord> list(Connection conn, String sql, Binder binder) throws SQLException {
        List<CommandRecord> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static CommandRecord read(ResultSet rs) throws SQLException {
        String envelope = rs.getString("envelope");
        return new CommandRecord(
                rs.getString("id"),
                rs.getString("site"),
                rs.getString("action"),
                object(WireCodec.readTree(envelope).path("args")),
                rs.getString("issuer"),
                Instant.ofEpochMilli(rs.getLong("issued_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("detail"),
                json(rs.getString("result")),
                json(rs.getString("drill")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                envelope);
    }

    private static ObjectNode json(String text) {
        return text == null ? null : object(WireCodec.readTree(text));
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode o ? o : dev.vigil.protocol.Json.object();
    }

    private static void setJson(PreparedStatement ps, int index, ObjectNode value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value.toString());
        }
    }
}
