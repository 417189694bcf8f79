package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Customers, which site and user belongs to which, password changes and the authentication log. Blocking. */
public interface TenancyStore {
    record CustomerRecord(String name, Instant createdAt) {}

    /** A user as listed; {@code customer} null for MSP staff. */
    record UserRow(String username, String role, String customer, Instant createdAt) {}

    /** One line of the authentication log: a lockout, its lifting, a password change. */
    record AuthEventRecord(String id, Instant time, String kind, String subject, String source, String actor) {}

    /** An API token as stored: only the SHA-256 of the token, never the token. */
    record TokenRecord(
            String id,
            String tokenHash,
            String name,
            String username,
            String role,
            String customer,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsed,
            Instant revokedAt) {}

    void insertToken(TokenRecord token);

    List<TokenRecord> tokens();

    /** False when there is no such token or it was revoked already. */
    boolean revokeToken(String id, Instant at);

    void touchToken(String id, Instant at);

    /** False when it exists already. */
    boolean createCustomer(CustomerRecord customer);

    List<CustomerRecord> customers();

    /** False when there is no such customer. */
    boolean deleteCustomer(String name);

    /** False when there is no such site; {@code customer} null makes it an MSP-only site. */
    boolean setSiteCustomer(String site, String customer);

    /** Site → customer, for the sites that belong to one. */
    Map<String, String> siteCustomers();

    /** Creates a user that belongs to a customer, in one statement; false when the user name is taken. */
    boolean createUser(UserRecord user, String customer);

    /** False when there is no such user. */
    boolean setUserCustomer(String username, String customer);

    /** User → customer, for the users that belong to one. */
    Map<String, String> userCustomers();

    List<UserRow> users();

    /** False when there is no such user. */
    boolean deleteUser(String username);

    /** False when there is no such user. */
    boolean setPasswordHash(String username, String passwordHash);

    void recordAuthEvent(AuthEventRecord event);

    /** The newest first. */
    List<AuthEventRecord> authEvents(int limit);
}
