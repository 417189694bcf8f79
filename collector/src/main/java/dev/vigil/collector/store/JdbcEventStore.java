package dev.vigil.collector.store;

import dev.vigil.protocol.Event;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link EventStore} on H2 or PostgreSQL; batched inserts that skip known ids. */
public final class JdbcEventStore implements EventStore {
    private static final String[] COLUMNS = {
        "id", "site", "seq", "event_time", "event_type", "severity", "subject", "payload", "received_at"
    };

    private final Database db;
    private final String insert;
    private final boolean singleWriter;

    public JdbcEventStore(Database db) {
        this.db = db;
        // An H2 file belongs to one process with one EventWriter: look the ids up, then plain INSERT (much cheaper
        // than H2's MERGE). PostgreSQL may be shared by several collectors: INSERT … ON CONFLICT DO NOTHING.
        this.singleWriter = db.dialect() == Dialect.H2;
        this.insert = singleWriter
                ? "INSERT INTO events (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : db.dialect().insertIgnore("events", "id", COLUMNS);
    }

    @Override
    public List<Boolean> append(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            java.util.Set<String> known = singleWriter ? existing(c, events) : java.util.Set.of();
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<Boolean> fresh = new ArrayList<>(events.size());
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (StoredEvent stored : events) {
                    Event e = stored.event();
                    if (singleWriter) {
                        boolean isNew = !known.contains(e.id()) && seen.add(e.id());
                        fresh.add(isNew);
                        if (!isNew) {
                            continue;
                        }
                    }
                    ps.setString(1, e.id());
                    ps.setString(2, e.site());
                    ps.setLong(3, e.seq());
                    ps.setLong(4, e.time().toEpochMilli());
                    ps.setString(5, e.type());
                    ps.setString(6, e.severity().wireName());
                    ps.setString(7, e.subject());
                    ps.setString(8, stored.json());
                    ps.setLong(9, stored.receivedAt().toEpochMilli());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                if (!singleWriter) {
                    for (int count : counts) {
                        fresh.add(count > 0);
                    }
                }
                return fresh;
            }
        });
    }

    private static java.util.Set<String> existing(java.sql.Connection c, List<StoredEvent> events)
            throws java.sql.SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(events.size(), "?"));
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM events WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < events.size(); i++) {
                ps.setString(i + 1, events.get(i).event().id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public EventPage find(EventQuery q) {
        StringBuilder sql = new StringBuilder("SELECT id, payload FROM events WHERE site = ?");
        List<Object> args = new ArrayList<>(List.of(q.site()));
        if (q.from() != null) {
            sql.append(" AND event_time >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND event_time <= ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.type() != null && q.type().endsWith(".*")) {
            sql.append(" AND event_type LIKE ? ESCAPE '!'");
            args.add(escapeLike(q.type().substring(0, q.type().length() - 1)) + "%");
        } else if (q.type() != null) {
            sql.append(" AND event_type = ?");
            args.add(q.type());
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit() + 1);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<String> json = new ArrayList<>();
                String lastId = null;
                boolean more = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (json.size() == q.limit()) {
                            more = true;
                            break;
                        }
                        lastId = rs.getString(1);
                        json.add(rs.getString(2));
                    }
                }
                return new EventPage(json, more ? lastId : null);
            }
        });
    }

    @Override
    public int purgeReceivedBefore(java.time.Instant instant) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE received_at < ?")) {
                ps.setLong(1, instant.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public long count() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
