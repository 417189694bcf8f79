package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;

/** HTTP login sessions by the SHA-256 of their token (the token itself is never stored). Blocking. */
public interface ApiSessionStore {
    record ApiSessionRecord(String tokenHash, String username, String role, Instant lastUsed) {}

    void put(ApiSessionRecord session);

    void touch(String tokenHash, Instant lastUsed);

    void delete(String tokenHash);

    /** Deletes every session of the user, wherever it was made (password reset, user removed). */
    void deleteUser(String username);

    /** Deletes the sessions last used before {@code cutoff}; returns how many. */
    int purgeUnusedSince(Instant cutoff);

    List<ApiSessionRecord> all();

    /** One session by the hash of its token (a login made on another collector sharing the store). */
    java.util.Optional<ApiSessionRecord> find(String tokenHash);
}
