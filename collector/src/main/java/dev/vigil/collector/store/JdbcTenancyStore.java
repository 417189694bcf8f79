package dev.vigil.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TenancyStore} on H2 or PostgreSQL. */
public final class JdbcTenancyStore implements TenancyStore {
    private final Database db;
    private final String insertCustomer;
    private final String insertUser;
    private final String insertSsoUser;

    public JdbcTenancyStore(Database db) {
        this.db = db;
        this.insertCustomer = db.dialect().insertIgnore("customers", "name", "name", "created_at");
        this.insertUser = db.dialect()
                .insertIgnore("users", "username", "username", "user_role", "password_hash", "created_at", "customer");
        this.insertSsoUser = db.dialect()
                .insertIgnore(
                        "users",
                        "username",
                        "username",
                        "user_role",
                        "password_hash",
                        "created_at",
                        "customer",
                        "sso_subject");
    }

    @Override
    public Optional<TotpRecord> totp(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, secret, enabled, last_step FROM user_totp WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(
                                    new TotpRecord(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getLong(4)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void putTotp(TotpRecord t, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM user_totp WHERE username = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO user_totp"
                            + " (username, secret, enabled, last_step, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                del.setString(1, t.username());
                del.executeUpdate();
                ins.setString(1, t.username());
                ins.setString(2, t.secret());
                ins.setInt(3, t.enabled() ? 1 : 0);
                ins.setLong(4, t.lastStep());
                ins.setLong(5, at.toEpochMilli());
                return ins.executeUpdate();
            }
        });
    }

    @Override
    public boolean advanceTotpStep(String username, long step) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE user_totp SET last_step = ? WHERE username = ? AND last_step < ?")) {
                ps.setLong(1, step);
                ps.setString(2, username);
                ps.setLong(3, step);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void deleteTotp(String username) {
        db.inTransaction(c -> {
            try (PreparedStatement a = c.prepareStatement("DELETE FROM user_totp WHERE username = ?");
                    PreparedStatement b = c.prepareStatement("DELETE FROM recovery_codes WHERE username = ?")) {
                a.setString(1, username);
                a.executeUpdate();
                b.setString(1, username);
                return b.executeUpdate();
            }
        });
    }

    @Override
    public List<String> totpUsers() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username FROM user_totp WHERE enabled = 1");
                    ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    @Override
    public void replaceRecoveryCodes(String username, List<String> codeHashes) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM recovery_codes WHERE username = ?");
                    PreparedStatement ins =
                            c.prepareStatement("INSERT INTO recovery_codes (username, code_hash) VALUES (?, ?)")) {
                del.setString(1, username);
                del.executeUpdate();
                for (String h : codeHashes) {
                    ins.setString(1, username);
                    ins.setString(2, h);
                    ins.executeUpdate();
                }
                return null;
            }
        });
    }

    @Override
    public boolean useRecoveryCode(String username, String codeHash, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE recovery_codes SET used_at = ?"
                    + " WHERE username = ? AND code_hash = ? AND used_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, username);
                ps.setString(3, codeHash);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void insertToken(TokenRecord t) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (id, token_hash, name, username,"
                    + " token_role, customer, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.id());
                ps.setString(2, t.tokenHash());
                ps.setString(3, t.name());
                ps.setString(4, t.username());
                ps.setString(5, t.role());
                setNullable(ps, 6, t.customer());
                ps.setLong(7, t.createdAt().toEpochMilli());
                ps.setLong(8, t.expiresAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<TokenRecord> tokens() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, token_hash, name, username, token_role,"
                            + " customer, created_at, expires_at, last_used, revoked_at FROM api_tokens ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                List<TokenRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TokenRecord(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7)),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            nullableInstant(rs, 9),
                            nullableInstant(rs, 10)));
                }
                return out;
            }
        });
    }

    @Override
    public boolean revokeToken(String id, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void touchToken(String id, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used = ? WHERE id = ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    private static Instant nullableInstant(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    @Override
    public boolean createCustomer(CustomerRecord customer) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(insertCustomer)) {
                ps.setString(1, customer.name());
                ps.setLong(2, customer.createdAt().toEpochMilli());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<CustomerRecord> customers() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, created_at FROM customers ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                List<CustomerRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new CustomerRecord(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
                }
                return out;
            }
        });
    }

    @Override
    public boolean deleteCustomer(String name) {
        return update("DELETE FROM customers WHERE name = ?", name);
    }

    @Override
    public boolean setSiteCustomer(String site, String customer) {
        return update("UPDATE sites SET customer = ? WHERE site = ?", customer, site);
    }

    @Override
    public Map<String, String> siteCustomers() {
        return pairs("SELECT site, customer FROM sites WHERE customer IS NOT NULL");
    }

    @Override
    public boolean createUser(UserRecord u, String customer) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(insertUser)) {
                ps.setString(1, u.username());
                ps.setString(2, u.role());
                ps.setString(3, u.passwordHash());
                ps.setLong(4, u.createdAt().toEpochMilli());
                setNullable(ps, 5, customer);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean setUserCustomer(String username, String customer) {
        return update("UPDATE users SET customer = ? WHERE username = ?", customer, username);
    }

    @Override
    public Map<String, String> userCustomers() {
        return pairs("SELECT username, customer FROM users WHERE customer IS NOT NULL");
    }

    @Override
    public List<UserRow> users() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT username, user_role, customer, created_at FROM users ORDER BY username");
                    ResultSet rs = ps.executeQuery()) {
                List<UserRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new UserRow(
                            rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
                }
                return out;
            }
        });
    }

    @Override
    public boolean deleteUser(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement sessions = c.prepareStatement("DELETE FROM api_sessions WHERE username = ?");
                    PreparedStatement totp = c.prepareStatement("DELETE FROM user_totp WHERE username = ?");
                    PreparedStatement codes = c.prepareStatement("DELETE FROM recovery_codes WHERE username = ?");
                    PreparedStatement user = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
                for (PreparedStatement ps : List.of(sessions, totp, codes)) {
                    ps.setString(1, username);
                    ps.executeUpdate();
                }
                user.setString(1, username);
                return user.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean setPasswordHash(String username, String passwordHash) {
        return update("UPDATE users SET password_hash = ? WHERE username = ?", passwordHash, username);
    }

    @Override
    public void recordAuthEvent(AuthEventRecord e) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_events"
                    + " (id, event_time, kind, subject, source, actor) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.id());
                ps.setLong(2, e.time().toEpochMilli());
                ps.setString(3, e.kind());
                ps.setString(4, e.subject());
                setNullable(ps, 5, e.source());
                setNullable(ps, 6, e.actor());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<AuthEventRecord> authEvents(int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, event_time, kind, subject, source, actor"
                    + " FROM auth_events ORDER BY event_time DESC, id DESC")) {
                ps.setMaxRows(limit);
                List<AuthEventRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuthEventRecord(
                                rs.getString(1),
                                Instant.ofEpochMilli(rs.getLong(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<SsoUserRow> ssoUser(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, user_role, customer, sso_subject FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(
                                    new SsoUserRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean createSsoUser(UserRecord u, String customer, String ssoSubject) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(insertSsoUser)) {
                ps.setString(1, u.username());
                ps.setString(2, u.role());
                ps.setString(3, u.passwordHash());
                ps.setLong(4, u.createdAt().toEpochMilli());
                setNullable(ps, 5, customer);
                ps.setString(6, ssoSubject);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean updateSsoUser(String username, String ssoSubject, String role, String customer) {
        return update(
                "UPDATE users SET sso_subject = ?, user_role = ?, customer = ? WHERE username = ?",
                ssoSubject,
                role,
                customer,
                username);
    }

    @Override
    public List<String> ssoUsernames() {
        return new ArrayList<>(pairs("SELECT username, sso_subject FROM users WHERE sso_subject IS NOT NULL")
                .keySet());
    }

    private boolean update(String sql, String... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    setNullable(ps, i + 1, args[i]);
                }
                return ps.executeUpdate() > 0;
            }
        });
    }

    private Map<String, String> pairs(String sql) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql);
                    ResultSet rs = ps.executeQuery()) {
                Map<String, String> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
                return out;
            }
        });
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
