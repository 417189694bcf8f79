package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** A user's TOTP secret (base32) and the last step a code was accepted for; not enabled until confirmed. */
    record TotpRecord(String username, String secret, boolean enabled, long lastStep) {
        @Override
        public String toString() {
            return "TotpRecord[username=" + username + ", enabled=" + enabled + "]";
        }
    }

    Optional<TotpRecord> totp(String username);

    /** Inserts or replaces the user's TOTP record. */
    void putTotp(TotpRecord totp, Instant at);

    /** Records that a code of {@code step} was used; false when that step or a later one was used already. */
    boolean advanceTotpStep(String username, long step);

    /** Removes the user's TOTP and recovery codes. */
    void deleteTotp(String username);

    /** The users with TOTP enabled. */
    List<String> totpUsers();

    /** Replaces the user's recovery codes by these SHA-256 hashes. */
    void replaceRecoveryCodes(String username, List<String> codeHashes);

    /** Marks an unused recovery code used; false when it does not exist or was used. */
    boolean useRecoveryCode(String username, String codeHash, Instant at);

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

    /**
     * A user as single sign-on sees it: {@code ssoSubject} is the OpenID Connect identity ({@code issuer subject})
     * it is bound to, null for a user who never signed in that way.
     */
    record SsoUserRow(String username, String role, String customer, String ssoSubject) {}

    Optional<SsoUserRow> ssoUser(String username);

    /** Creates a user bound to an OpenID Connect identity; false when the user name is taken. */
    boolean createSsoUser(UserRecord user, String customer, String ssoSubject);

    /** Binds the user to the identity and sets the role and customer the claims gave; false when there is no user. */
    boolean updateSsoUser(String username, String ssoSubject, String role, String customer);

    /** The users bound to an OpenID Connect identity. */
    List<String> ssoUsernames();

    void recordAuthEvent(AuthEventRecord event);

    /** The newest first. */
    List<AuthEventRecord> authEvents(int limit);
}
