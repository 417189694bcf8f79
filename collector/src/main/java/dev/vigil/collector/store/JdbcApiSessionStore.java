package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link ApiSessionStore} on H2 or PostgreSQL. */
public final class JdbcApiSessionStore implements ApiSessionStore {
    private final Database db;
    private final String upsert;

    public JdbcApiSessionStore(Database db) {
        this.db = db;
        this.upsert = db.dialect()
                .upsert("api_sessions", "token_hash", new String[] {"token_hash", "username", "user_role", "last_used"
                });
    }

    @Override
    public void put(ApiSessionRecord s) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, s.tokenHash());
                ps.setString(2, s.username());
                ps.setString(3, s.role());
                ps.setLong(4, s.lastUsed().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void touch(String tokenHash, Instant lastUsed) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_sessions SET last_used = ? WHERE token_hash = ? AND last_used < ?")) {
                ps.setLong(1, lastUsed.toEpochMilli());
                ps.setString(2, tokenHash);
                ps.setLong(3, lastUsed.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String tokenHash) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_sessions WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void deleteUser(String username) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_sessions WHERE username = ?")) {
                ps.setString(1, username);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int purgeUnusedSince(Instant cutoff) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_sessions WHERE last_used < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<ApiSessionRecord> all() {
        return db.inTransaction(c -> {
            List<ApiSessionRecord> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT token_hash, username, user_role, last_used FROM api_sessions");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiSessionRecord(
                            rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return out;
        });
    }

    @Override
    public java.util.Optional<ApiSessionRecord> find(String tokenHash) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT token_hash, username, user_role, last_used FROM api_sessions WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? java.util.Optional.of(new ApiSessionRecord(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    Instant.ofEpochMilli(rs.getLong(4))))
                            : java.util.Optional.<ApiSessionRecord>empty();
                }
            }
        });
    }
}
