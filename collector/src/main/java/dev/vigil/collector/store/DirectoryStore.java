package dev.vigil.collector.store;

import java.util.List;
import java.util.Optional;

/** Sites and users with their password hashes. Blocking: call from a worker. */
public interface DirectoryStore {
    /** False when the site exists already. */
    boolean createSite(SiteRecord site);

    Optional<SiteRecord> site(String site);

    List<SiteRecord> sites();

    /** False when the user exists already. */
    boolean createUser(UserRecord user);

    Optional<UserRecord> user(String username);

    long userCount();
}
