package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link SsoPendingStore} on H2 or PostgreSQL. */
public final class JdbcSsoPendingStore implements SsoPendingStore {
    private final Database db;

    public JdbcSsoPendingStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean begin(SsoPendingRecord p, Instant now, int max) {
        return db.inTransaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM sso_pending WHERE expires_at < ?")) {
                purge.setLong(1, now.toEpochMilli());
                purge.executeUpdate();
            }
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM sso_pending");
                    ResultSet rs = count.executeQuery()) {
                if (rs.next() && rs.getLong(1) >= max) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sso_pending (state, nonce, verifier, binding_hash, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, p.state());
                ps.setString(2, p.nonce());
                ps.setString(3, p.verifier());
                ps.setString(4, p.bindingHash());
                ps.setLong(5, p.expiresAt().toEpochMilli());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Read, then delete: the row is used only by the transaction whose delete removed it. */
    @Override
    public Optional<SsoPendingRecord> take(String state) {
        return db.inTransaction(c -> {
            SsoPendingRecord found;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, nonce, verifier, binding_hash, expires_at FROM sso_pending WHERE state = ?")) {
                ps.setString(1, state);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<SsoPendingRecord>empty();
                    }
                    found = new SsoPendingRecord(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sso_pending WHERE state = ?")) {
                ps.setString(1, state);
                return ps.executeUpdate() == 1 ? Optional.of(found) : Optional.<SsoPendingRecord>empty();
            }
        });
    }
}
