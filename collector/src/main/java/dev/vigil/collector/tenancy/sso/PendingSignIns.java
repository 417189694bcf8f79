package dev.vigil.collector.tenancy.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-ins sent to the provider and not yet back: by {@code state}, each with its {@code nonce}, PKCE verifier and the
 * hash of a browser binding (a random value in a short-lived cookie), for {@link #LIFETIME}. A state is taken once,
 * whether or not it then matches. Held in memory: the browser must come back to the collector that sent it.
 */
final class PendingSignIns {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_PENDING = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One sign-in on its way; {@code binding} is the cookie value, given to the browser only. */
    record Pending(String state, String nonce, String verifier, String binding, Instant expires) {
        String challenge() {
            return base64(sha256(verifier));
        }

        @Override
        public String toString() {
            return "Pending[…]";
        }
    }

    private record Held(Pending pending, String bindingHash) {}

    private final Map<String, Held> byState = new ConcurrentHashMap<>();
    private final Clock clock;

    PendingSignIns(Clock clock) {
        this.clock = clock;
    }

    Pending begin() {
        Instant now = clock.instant();
        byState.values().removeIf(h -> h.pending().expires().isBefore(now));
        if (byState.size() >= MAX_PENDING) {
            throw new IllegalStateException("too many sign-ins under way; try again in a few minutes");
        }
        Pending p = new Pending(random(), random(), random() + random(), random(), now.plus(LIFETIME));
        byState.put(p.state(), new Held(p, base64(sha256(p.binding()))));
        return p;
    }

    /** The pending sign-in of this state if this browser started it and it has not expired; used up either way. */
    Optional<Pending> take(String state, String binding) {
        Held held = state == null ? null : byState.remove(state);
        if (held == null || binding == null || held.pending().expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(
                held.bindingHash().getBytes(StandardCharsets.US_ASCII),
                base64(sha256(binding)).getBytes(StandardCharsets.US_ASCII));
        return same ? Optional.of(held.pending()) : Optional.empty();
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return base64(b);
    }

    private static String base64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
