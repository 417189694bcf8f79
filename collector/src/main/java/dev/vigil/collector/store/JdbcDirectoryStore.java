package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link DirectoryStore} on H2 or PostgreSQL. Tags are stored joined by newlines (a tag holds no newline). */
public final class JdbcDirectoryStore implements DirectoryStore {
    private final Database db;
    private final String insertSite;
    private final String insertUser;

    public JdbcDirectoryStore(Database db) {
        this.db = db;
        this.insertSite = db.dialect().insertIgnore("sites", "site", "site", "tags", "password_hash", "created_at");
        this.insertUser =
                db.dialect().insertIgnore("users", "username", "username", "user_role", "password_hash", "created_at");
    }

    @Override
    public boolean createSite(SiteRecord s) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(insertSite)) {
                ps.setString(1, s.site());
                ps.setString(2, String.join("\n", s.tags()));
                ps.setString(3, s.passwordHash());
                ps.setLong(4, s.createdAt().toEpochMilli());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<SiteRecord> site(String site) {
        return sitesWhere(" WHERE site = ?", site).stream().findFirst();
    }

    @Override
    public List<SiteRecord> sites() {
        return sitesWhere("", null);
    }

    private List<SiteRecord> sitesWhere(String where, String arg) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT site, tags, password_hash, created_at FROM sites" + where)) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                List<SiteRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SiteRecord(
                                rs.getString(1), tags(rs.getString(2)), rs.getString(3), instant(rs, 4)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean createUser(UserRecord u) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(insertUser)) {
                ps.setString(1, u.username());
                ps.setString(2, u.role());
                ps.setString(3, u.passwordHash());
                ps.setLong(4, u.createdAt().toEpochMilli());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<UserRecord> user(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, user_role, password_hash, created_at FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(
                                    new UserRecord(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public long userCount() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<String> tags(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(index));
    }
}
