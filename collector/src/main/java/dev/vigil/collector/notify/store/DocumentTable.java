package dev.vigil.collector.notify.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.store.Database;
import dev.vigil.protocol.WireCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One of the notify tables of JSON documents ({@code id, body, created_at}): rules, maintenance windows and the
 * maintenance log change rarely and are read whole into memory, so they need no columns of their own. Blocking.
 */
public final class DocumentTable {
    private static final Set<String> TABLES = Set.of("notify_rules", "notify_maintenance", "notify_maintenance_log");

    private final Database db;
    private final String table;

    /** A stored document with its id and creation time. */
    public record Document(String id, ObjectNode body, Instant createdAt) {}

    public DocumentTable(Database db, String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a notify document table: " + table);
        }
        this.db = db;
        this.table = table;
    }

    public void insert(String id, ObjectNode body, Instant createdAt) {
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + table + " (id, body, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, body.toString());
                ps.setLong(3, createdAt.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** False when there was no such document. */
    public boolean delete(String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Deletes documents created before {@code before}; returns how many. */
    public int deleteOlderThan(Instant before) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE created_at < ?")) {
                ps.setLong(1, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** All documents, oldest first. */
    public List<Document> all() {
        return db.inTransaction(c -> {
            List<Document> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id, body, created_at FROM " + table + " ORDER BY created_at, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Document(
                            rs.getString(1),
                            (ObjectNode) WireCodec.readTree(rs.getString(2)),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            return out;
        });
    }
}
