package dev.vigil.collector.http;

import dev.vigil.collector.auth.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Login sessions by random token, in memory; they expire after {@link #IDLE_TIMEOUT} without use. */
final class ApiSessions {
    static final Duration IDLE_TIMEOUT = Duration.ofHours(12);
    static final String COOKIE = "vigil_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    record ApiSession(String username, Role role, Instant lastUsed) {}

    private final Map<String, ApiSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    ApiSessions(Clock clock) {
        this.clock = clock;
    }

    String create(String username, Role role) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new ApiSession(username, role, clock.instant()));
        return token;
    }

    Optional<ApiSession> touch(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ApiSession s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastUsed().plus(IDLE_TIMEOUT).isBefore(now)) {
            sessions.remove(token);
            return Optional.empty();
        }
        ApiSession renewed = new ApiSession(s.username(), s.role(), now);
        sessions.put(token, renewed);
        return Optional.of(renewed);
    }

    void remove(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    void expire() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.lastUsed().plus(IDLE_TIMEOUT).isBefore(now));
    }
}
