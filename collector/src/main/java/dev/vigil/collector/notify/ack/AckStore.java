package dev.vigil.collector.notify.ack;

import dev.vigil.collector.store.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;

/**
 * The collector's ack secret and the issued, not yet used tokens (by nonce). Using a token deletes its row, so the
 * database decides single use even with several collectors. Blocking.
 */
public final class AckStore {
    private static final String SECRET_NAME = "ack-hmac";

    private final Database db;

    public AckStore(Database db) {
        this.db = db;
    }

    /** The secret, created on first use; never logged. */
    public byte[] secret() {
        byte[] existing = readSecret();
        if (existing != null) {
            return existing;
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("INSERT INTO notify_secrets (name, secret) VALUES (?, ?)")) {
                    ps.setString(1, SECRET_NAME);
                    ps.setString(2, Base64.getEncoder().encodeToString(fresh));
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // another collector on the same database created it first: use theirs
        }
        byte[] stored = readSecret();
        if (stored == null) {
            throw new IllegalStateException("cannot store the ack secret in the database");
        }
        return stored;
    }

    private byte[] readSecret() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM notify_secrets WHERE name = ?")) {
                ps.setString(1, SECRET_NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Base64.getDecoder().decode(rs.getString(1)) : null;
                }
            }
        });
    }

    public void issued(AckTokens.Token token) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notify_ack_tokens (nonce, alert_id, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, token.nonce());
                ps.setString(2, token.alertId());
                ps.setLong(3, token.expires().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Whether an issued token is still unused (for the confirm page); does not use it. */
    public boolean unused(AckTokens.Token token) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM notify_ack_tokens WHERE nonce = ? AND alert_id = ?")) {
                ps.setString(1, token.nonce());
                ps.setString(2, token.alertId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** True exactly once per issued token. */
    public boolean use(AckTokens.Token token) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM notify_ack_tokens WHERE nonce = ? AND alert_id = ?")) {
                ps.setString(1, token.nonce());
                ps.setString(2, token.alertId());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Forgets tokens past their expiry; returns how many. */
    public int purgeExpired(Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_ack_tokens WHERE expires_at <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
