package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.PasswordHasher;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.store.TenancyStore.UserRow;
import java.util.List;
import java.util.Optional;

/**
 * Listing and removing users, changing one's own password and an admin's reset. Blocking: call from a worker. A reset
 * or removal ends the user's sessions through {@link Revocations}; a removal also revokes the user's API tokens (a
 * reset does not: scripts keep working). Every change is written to the {@link AuthLog}.
 */
public final class UserAdmin {
    /** The outcome of changing one's own password. */
    public enum Changed {
        DONE,
        WRONG_CURRENT
    }

    private final TenancyStore store;
    private final Directory directory;
    private final UserScopes scopes;
    private final Revocations revocations;
    private final AuthLog log;
    private final ApiTokens tokens;

    public UserAdmin(
            TenancyStore store,
            Directory directory,
            UserScopes scopes,
            Revocations revocations,
            AuthLog log,
            ApiTokens tokens) {
        this.tokens = tokens;
        this.store = store;
        this.directory = directory;
        this.scopes = scopes;
        this.revocations = revocations;
        this.log = log;
    }

    public List<UserRow> list() {
        return store.users();
    }

    public Optional<UserRow> find(String username) {
        return store.users().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /** @throws IllegalArgumentException when the new password is too weak */
    public Changed changeOwn(String username, String current, String next) {
        Directory.checkPassword(next);
        if (directory.authenticateUser(username, current).isEmpty()) {
            return Changed.WRONG_CURRENT;
        }
        store.setPasswordHash(username, PasswordHasher.hash(next, PasswordHasher.USER_ITERATIONS));
        log.record("password_changed", username, null, username);
        return Changed.DONE;
    }

    /** False when there is no such user. @throws IllegalArgumentException when the password is too weak */
    public boolean reset(String username, String password, String admin) {
        Directory.checkPassword(password);
        if (!store.setPasswordHash(username, PasswordHasher.hash(password, PasswordHasher.USER_ITERATIONS))) {
            return false;
        }
        revocations.revoke(username);
        log.record("password_reset", username, null, admin);
        return true;
    }

    /** False when there is no such user. */
    public boolean delete(String username, String admin) {
        if (!store.deleteUser(username)) {
            return false;
        }
        log.record("user_deleted", username, null, admin);
        scopes.remove(username);
        revocations.revoke(username);
        tokens.revokeAllOf(username, admin);
        return true;
    }
}
