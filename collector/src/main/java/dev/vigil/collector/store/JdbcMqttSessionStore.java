package dev.vigil.collector.store;

import dev.vigil.collector.store.MqttSessionChange.Detached;
import dev.vigil.collector.store.MqttSessionChange.Done;
import dev.vigil.collector.store.MqttSessionChange.Ended;
import dev.vigil.collector.store.MqttSessionChange.Opened;
import dev.vigil.collector.store.MqttSessionChange.Queued;
import dev.vigil.collector.store.MqttSessionChange.Subscribed;
import dev.vigil.collector.store.MqttSessionChange.Unsubscribed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link MqttSessionStore} on H2 or PostgreSQL. */
public final class JdbcMqttSessionStore implements MqttSessionStore {
    private final Database db;
    private final String upsertSession;
    private final String upsertSubscription;

    public JdbcMqttSessionStore(Database db) {
        this.db = db;
        this.upsertSession = db.dialect().upsert("mqtt_sessions", "client_id", new String[] {
            "client_id", "principal", "expiry_seconds", "expires_at"
        });
        this.upsertSubscription = db.dialect().upsert("mqtt_subscriptions", "client_id, topic_filter", new String[] {
            "client_id", "topic_filter", "qos"
        });
    }

    @Override
    public void apply(List<MqttSessionChange> changes) {
        Set<String> queuedHere = new HashSet<>();
        Set<String> doneHere = new HashSet<>();
        for (MqttSessionChange change : changes) {
            if (change instanceof Queued q) {
                queuedHere.add(key(q.clientId(), q.message().seq()));
            } else if (change instanceof Done d) {
                doneHere.add(key(d.clientId(), d.seq()));
            }
        }
        db.inTransaction(c -> {
            for (MqttSessionChange change : changes) {
                // a message queued and done within the same batch never reaches the table
                boolean skip = change instanceof Queued q
                                && doneHere.contains(
                                        key(q.clientId(), q.message().seq()))
                        || change instanceof Done d && queuedHere.contains(key(d.clientId(), d.seq()));
                if (!skip) {
                    write(c, change);
                }
            }
            return null;
        });
    }

    private static String key(String clientId, long seq) {
        return clientId + '\n' + seq;
    }

    private void write(Connection c, MqttSessionChange change) throws SQLException {
        if (change instanceof Opened o) {
            update(c, upsertSession, o.clientId(), o.principal(), o.expirySeconds(), null);
        } else if (change instanceof Detached d) {
            update(
                    c,
                    "UPDATE mqtt_sessions SET expires_at = ? WHERE client_id = ?",
                    d.expiresAt().toEpochMilli(),
                    d.clientId());
        } else if (change instanceof Ended e) {
            update(c, "DELETE FROM mqtt_queue WHERE client_id = ?", e.clientId());
            update(c, "DELETE FROM mqtt_subscriptions WHERE client_id = ?", e.clientId());
            update(c, "DELETE FROM mqtt_sessions WHERE client_id = ?", e.clientId());
        } else if (change instanceof Subscribed s) {
            update(c, upsertSubscription, s.clientId(), s.filter(), s.qos());
        } else if (change instanceof Unsubscribed u) {
            update(
                    c,
                    "DELETE FROM mqtt_subscriptions WHERE client_id = ? AND topic_filter = ?",
                    u.clientId(),
                    u.filter());
        } else if (change instanceof Queued q) {
            update(
                    c,
                    "INSERT INTO mqtt_queue (client_id, seq, topic, payload, qos) VALUES (?, ?, ?, ?, ?)",
                    q.clientId(),
                    q.message().seq(),
                    q.message().topic(),
                    q.message().payload(),
                    q.message().qos());
        } else if (change instanceof Done d) {
            update(c, "DELETE FROM mqtt_queue WHERE client_id = ? AND seq = ?", d.clientId(), d.seq());
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.inTransaction(c -> {
            String expired = "SELECT client_id FROM mqtt_sessions WHERE expires_at IS NOT NULL AND expires_at < ?";
            long at = now.toEpochMilli();
            update(c, "DELETE FROM mqtt_queue WHERE client_id IN (" + expired + ")", at);
            update(c, "DELETE FROM mqtt_subscriptions WHERE client_id IN (" + expired + ")", at);
            return update(c, "DELETE FROM mqtt_sessions WHERE expires_at IS NOT NULL AND expires_at < ?", at);
        });
    }

    @Override
    public List<StoredMqttSession> all() {
        return db.inTransaction(c -> {
            Map<String, Map<String, Integer>> subscriptions = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT client_id, topic_filter, qos FROM mqtt_subscriptions ORDER BY client_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    subscriptions
                            .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                }
            }
            Map<String, List<StoredMqttMessage>> queued = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT client_id, seq, topic, payload, qos FROM mqtt_queue ORDER BY client_id, seq");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    queued.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new StoredMqttMessage(rs.getLong(2), rs.getString(3), rs.getBytes(4), rs.getInt(5)));
                }
            }
            List<StoredMqttSession> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT client_id, principal, expiry_seconds, expires_at FROM mqtt_sessions");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    long expiresAt = rs.getLong(4);
                    out.add(new StoredMqttSession(
                            id,
                            rs.getString(2),
                            rs.getLong(3),
                            rs.wasNull() ? null : Instant.ofEpochMilli(expiresAt),
                            subscriptions.getOrDefault(id, Map.of()),
                            queued.getOrDefault(id, List.of())));
                }
            }
            return out;
        });
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, Types.BIGINT);
                } else if (a instanceof byte[] b) {
                    ps.setBytes(i + 1, b);
                } else {
                    ps.setObject(i + 1, a);
                }
            }
            return ps.executeUpdate();
        }
    }
}
