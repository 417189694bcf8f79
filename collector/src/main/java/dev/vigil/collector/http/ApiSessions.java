package dev.vigil.collector.http;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.ApiSessionStore;
import dev.vigil.collector.store.ApiSessionStore.ApiSessionRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions by random token; they expire after {@link #IDLE_TIMEOUT} without use. Held in memory by the SHA-256
 * of the token and written through to the store (the token itself is never kept), so a restart logs nobody out. A
 * use is written at most once per {@link #TOUCH_WRITE_INTERVAL}, so after a restart a session may expire up to that
 * much early. Store writes go through {@code writes}, which runs them off the event loop in order.
 */
final class ApiSessions {
    static final Duration IDLE_TIMEOUT = Duration.ofHours(12);
    static final Duration TOUCH_WRITE_INTERVAL = Duration.ofMinutes(1);
    static final String COOKIE = "vigil_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    record ApiSession(String username, Role role, Instant lastUsed, Instant lastWritten) {}

    /** Runs a blocking store call off the event loop, in submission order. */
    interface Writes {
        Future<Void> submit(Runnable storeCall);
    }

    /** How often sessions are compared with the store: a logout on another collector takes this long to count here. */
    static final Duration STORE_SYNC = Duration.ofSeconds(5);

    private final Map<String, ApiSession> sessions = new ConcurrentHashMap<>();
    /** Sessions created here, with the time their store write completed ({@link Instant#MAX} while under way). */
    private final Map<String, Instant> createdHere = new ConcurrentHashMap<>();

    private final Clock clock;
    private final ApiSessionStore store;
    private final Writes writes;

    ApiSessions(Clock clock, ApiSessionStore store, Writes writes) {
        this.clock = clock;
        this.store = store;
        this.writes = writes;
    }

    /** The stored sessions at start-up (blocking, from a worker); expired ones are skipped. */
    void restore(List<ApiSessionRecord> stored) {
        Instant now = clock.instant();
        for (ApiSessionRecord r : stored) {
            Optional<Role> role = Role.parse(r.role());
            if (role.isPresent() && !idle(r.lastUsed(), now)) {
                sessions.put(r.tokenHash(), new ApiSession(r.username(), role.get(), r.lastUsed(), r.lastUsed()));
            }
        }
    }

    int size() {
        return sessions.size();
    }

    /** A new session; the token is handed out once the session is stored. */
    Future<String> create(String username, Role role) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = hash(token);
        Instant now = clock.instant();
        sessions.put(hash, new ApiSession(username, role, now, now));
        createdHere.put(hash, Instant.MAX);
        return writes.submit(() -> store.put(new ApiSessionRecord(hash, username, role.wireName(), now)))
                .onSuccess(v -> createdHere.computeIfPresent(hash, (h, pending) -> clock.instant()))
                .onFailure(t -> createdHere.remove(hash))
                .map(token);
    }

    /**
     * A session this collector does not hold but the store does: a login made on another collector behind the same
     * load balancer, or before a failover. Taken over unless idle; then used like {@link #touch}.
     */
    Optional<ApiSession> adopt(String token, ApiSessionRecord stored) {
        Optional<Role> role = Role.parse(stored.role());
        if (role.isEmpty() || idle(stored.lastUsed(), clock.instant())) {
            return Optional.empty();
        }
        sessions.putIfAbsent(
                hash(token), new ApiSession(stored.username(), role.get(), stored.lastUsed(), stored.lastUsed()));
        return touch(token);
    }

    /**
     * Forgets the sessions the store no longer has (a logout, reset or expiry on another collector sharing it), except
     * those created here whose write had not completed when the store was read (from {@code readAt} on).
     */
    void keepOnly(List<ApiSessionRecord> stored, Instant readAt) {
        java.util.Set<String> known = new java.util.HashSet<>();
        stored.forEach(r -> known.add(r.tokenHash()));
        createdHere.values().removeIf(written -> written.isBefore(readAt));
        sessions.keySet().removeIf(h -> !known.contains(h) && !createdHere.containsKey(h));
    }

    Optional<ApiSession> touch(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        ApiSession s = sessions.get(hash);
        if (s == null) {
            return Optional.empty();
        }
        if (idle(s.lastUsed(), now)) {
            sessions.remove(hash);
            writes.submit(() -> store.delete(hash));
            return Optional.empty();
        }
        boolean write = !s.lastWritten().plus(TOUCH_WRITE_INTERVAL).isAfter(now);
        ApiSession renewed = new ApiSession(s.username(), s.role(), now, write ? now : s.lastWritten());
        sessions.put(hash, renewed);
        if (write) {
            writes.submit(() -> store.touch(hash, now));
        }
        return Optional.of(renewed);
    }

    /** Ends the session; the future completes once it is gone from the store too. */
    Future<Void> remove(String token) {
        if (token == null) {
            return Future.succeededFuture();
        }
        String hash = hash(token);
        sessions.remove(hash);
        createdHere.remove(hash);
        return writes.submit(() -> store.delete(hash));
    }

    /**
     * Ends every session of the user (password reset, user removed), also those made on other collectors sharing the
     * store: they drop them at their next {@link #keepOnly}.
     */
    void dropUser(String username) {
        writes.submit(() -> store.deleteUser(username));
        sessions.entrySet().removeIf(e -> {
            if (!e.getValue().username().equals(username)) {
                return false;
            }
            String hash = e.getKey();
            writes.submit(() -> store.delete(hash));
            return true;
        });
    }

    void expire() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> idle(s.lastUsed(), now));
        writes.submit(() -> store.purgeUnusedSince(now.minus(IDLE_TIMEOUT)));
    }

    private static boolean idle(Instant lastUsed, Instant now) {
        return lastUsed.plus(IDLE_TIMEOUT).isBefore(now);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
