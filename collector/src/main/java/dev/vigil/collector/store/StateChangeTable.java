package dev.vigil.collector.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.WireCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The {@code state_changes} table: a narrow copy of the few stored events that availability reports read, written
 * in the transaction that stores them. Its index holds every column a report reads, so a report of one site reads
 * that site's changes in the range and nothing else, however many other events the site has.
 */
final class StateChangeTable {
    /** The longest master address kept; a longer one (never an address) is stored as unknown. */
    static final int MAX_MASTER = 64;

    private static final String[] COLUMNS = {
        "id", "site", "event_time", "event_type", "subject", "master", "dry_run", "received_at"
    };
    private static final int BACKFILL_BATCH = 1000;

    private final String insert;

    StateChangeTable(Dialect dialect) {
        this.insert = dialect.insertOnce("state_changes", "id", COLUMNS);
    }

    static boolean isChange(String type) {
        return StateChangeStore.TYPES.contains(type);
    }

    /** Stores the changes among {@code events}, which the caller has just stored for the first time. */
    void insert(Connection c, List<StoredEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            int rows = 0;
            for (StoredEvent stored : events) {
                Event e = stored.event();
                if (isChange(e.type())) {
                    bind(
                            ps,
                            e.id(),
                            e.site(),
                            e.time().toEpochMilli(),
                            e.type(),
                            e.subject(),
                            e.data(),
                            stored.receivedAt().toEpochMilli());
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void bind(
            PreparedStatement ps,
            String id,
            String site,
            long time,
            String type,
            String subject,
            JsonNode data,
            long receivedAt)
            throws SQLException {
        ps.setString(1, id);
        ps.setString(2, site);
        ps.setLong(3, time);
        ps.setString(4, type);
        ps.setString(5, subject);
        String master = master(type, data);
        if (master == null) {
            ps.setNull(6, Types.VARCHAR);
        } else {
            ps.setString(6, master);
        }
        ps.setBoolean(7, data.path("dry_run").asBoolean(false));
        ps.setLong(8, receivedAt);
    }

    /** The new master of an election or change, when the event names one that fits. */
    static String master(String type, JsonNode data) {
        if (!type.equals(EventTypes.VRRP_MASTER_ELECTED) && !type.equals(EventTypes.VRRP_MASTER_CHANGED)) {
            return null;
        }
        JsonNode master = data.path("master");
        return master.isTextual() && master.asText().length() <= MAX_MASTER ? master.asText() : null;
    }

    /** Removes the changes of the events the same retention removes: received before the cutoff, ids below the bound. */
    static int purge(Connection c, long receivedCutoff, String idBelow) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM state_changes WHERE received_at < ?" + (idBelow != null ? " AND id < ?" : ""))) {
            ps.setLong(1, receivedCutoff);
            if (idBelow != null) {
                ps.setString(2, idBelow);
            }
            return ps.executeUpdate();
        }
    }

    /** Migration 13: the changes among the events stored before the table existed. Returns how many. */
    static int backfill(Connection c, Dialect dialect) throws SQLException {
        String types =
                String.join(", ", StateChangeStore.TYPES.stream().map(t -> "?").toList());
        String select = "SELECT id, site, event_time, event_type, subject, payload, received_at FROM events"
                + " WHERE event_type IN (" + types + ") ORDER BY id";
        int copied = 0;
        try (PreparedStatement read = c.prepareStatement(select);
                PreparedStatement write = c.prepareStatement(new StateChangeTable(dialect).insert)) {
            for (int i = 0; i < StateChangeStore.TYPES.size(); i++) {
                read.setString(i + 1, StateChangeStore.TYPES.get(i));
            }
            read.setFetchSize(BACKFILL_BATCH);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    JsonNode data = WireCodec.readTree(rs.getString(6)).path("data");
                    bind(
                            write,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getString(5),
                            data,
                            rs.getLong(7));
                    write.addBatch();
                    if (++copied % BACKFILL_BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        return copied;
    }
}
