package dev.vigil.collector.auth;

import dev.vigil.collector.store.DirectoryStore;
import dev.vigil.collector.store.SiteRecord;
import dev.vigil.collector.store.UserRecord;
import dev.vigil.protocol.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Provisioning and checking of credentials for sites (MQTT) and users (dashboard, read-only MQTT). Blocking
 * (PBKDF2 and the store): call from a worker.
 */
public final class Directory {
    private final DirectoryStore store;
    private final Clock clock;

    /** The outcome of a CONNECT or login. */
    public sealed interface Principal {}

    public record SitePrincipal(String site) implements Principal {}

    public record UserPrincipal(String username, Role role) implements Principal {}

    /** Credentials shown once. */
    public record NewSite(String site, String username, String password) {
        @Override
        public String toString() {
            return "NewSite[site=" + site + "]";
        }
    }

    public Directory(DirectoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates a site with a fresh secret.
     *
     * @return empty when the site exists already
     * @throws IllegalArgumentException when the name is not a valid site id or a tag is unusable
     */
    public Optional<NewSite> addSite(String site, List<String> tags) {
        if (!Topics.isSiteId(site)) {
            throw new IllegalArgumentException("site '" + site + "' must match " + Topics.SITE_ID.pattern());
        }
        for (String tag : tags) {
            if (tag == null || tag.isBlank() || tag.length() > 64 || tag.contains("\n")) {
                throw new IllegalArgumentException("tags must be 1 to 64 characters on one line");
            }
        }
        String secret = PasswordHasher.newSecret();
        String hash = PasswordHasher.hash(secret, PasswordHasher.SECRET_ITERATIONS);
        if (!store.createSite(new SiteRecord(site, tags, hash, clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(new NewSite(site, site, secret));
    }

    /** False when the user exists already. */
    public boolean addUser(String username, Role role, String password) {
        checkUsername(username);
        checkPassword(password);
        String hash = PasswordHasher.hash(password, PasswordHasher.USER_ITERATIONS);
        return store.createUser(new UserRecord(username, role.wireName(), hash, clock.instant()));
    }

    /** @throws IllegalArgumentException when the name is not usable */
    public static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")) {
            throw new IllegalArgumentException("user name must be 1 to 64 letters, digits, _ . @ -");
        }
    }

    /** @throws IllegalArgumentException when the password is too weak */
    public static void checkPassword(String password) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("password must have at least 8 characters");
        }
        if (password.length() > 1024) {
            throw new IllegalArgumentException("password must have at most 1024 characters");
        }
    }

    /** True when the name is a provisioned site (whose user name is its id). */
    public boolean isSite(String username) {
        return Topics.isSiteId(username) && store.site(username).isPresent();
    }

    /** A site first (its user name is the site id), else a user; empty when nothing matches. */
    public Optional<Principal> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        if (Topics.isSiteId(username)) {
            Optional<SiteRecord> site = store.site(username);
            if (site.isPresent()) {
                return PasswordHasher.verify(password, site.get().passwordHash())
                        ? Optional.of(new SitePrincipal(username))
                        : Optional.empty();
            }
        }
        return authenticateUser(username, password).map(p -> p);
    }

    public Optional<UserPrincipal> authenticateUser(String username, String password) {
        Optional<UserRecord> user = store.user(username);
        if (user.isEmpty() || !PasswordHasher.verify(password, user.get().passwordHash())) {
            return Optional.empty();
        }
        return Role.parse(user.get().role()).map(r -> new UserPrincipal(username, r));
    }

    public boolean hasUsers() {
        return store.userCount() > 0;
    }

    public List<SiteRecord> sites() {
        return store.sites();
    }
}
