package dev.vigil.collector.tenancy.sso;

import dev.vigil.collector.store.SsoPendingStore;
import dev.vigil.collector.store.SsoPendingStore.SsoPendingRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-ins sent to the provider and not yet back: by {@code state}, each with its {@code nonce}, PKCE verifier and the
 * hash of a browser binding (a random value in a short-lived cookie), for {@link #LIFETIME}. Kept in the store, so the
 * browser may come back to any collector sharing it. A state is taken once, whether or not it then matches. Blocking.
 */
final class PendingSignIns {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_PENDING = 10_000;
    private static final int MAX_STATE_LENGTH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One sign-in on its way; {@code binding} is the cookie value, given to the browser only. */
    record Pending(String state, String nonce, String verifier, String binding, Instant expires) {
        String challenge() {
            return base64(sha256(verifier));
        }

        /** A fresh sign-in with new random values, expiring {@link #LIFETIME} after {@code now}. */
        static Pending fresh(Instant now) {
            return new Pending(random(), random(), random() + random(), random(), now.plus(LIFETIME));
        }

        @Override
        public String toString() {
            return "Pending[…]";
        }
    }

    private final SsoPendingStore store;
    private final Clock clock;

    PendingSignIns(SsoPendingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Pending begin() {
        Instant now = clock.instant();
        Pending p = Pending.fresh(now);
        SsoPendingRecord held =
                new SsoPendingRecord(p.state(), p.nonce(), p.verifier(), base64(sha256(p.binding())), p.expires());
        if (!store.begin(held, now, MAX_PENDING)) {
            throw new IllegalStateException("too many sign-ins under way; try again in a few minutes");
        }
        return p;
    }

    /** The pending sign-in of this state if this browser started it and it has not expired; used up either way. */
    Optional<Pending> take(String state, String binding) {
        if (state == null || state.isEmpty() || state.length() > MAX_STATE_LENGTH) {
            return Optional.empty();
        }
        Optional<SsoPendingRecord> taken = store.take(state);
        if (taken.isEmpty() || binding == null || taken.get().expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        SsoPendingRecord held = taken.get();
        boolean same = MessageDigest.isEqual(
                held.bindingHash().getBytes(StandardCharsets.US_ASCII),
                base64(sha256(binding)).getBytes(StandardCharsets.US_ASCII));
        return same
                ? Optional.of(new Pending(held.state(), held.nonce(), held.verifier(), binding, held.expiresAt()))
                : Optional.empty();
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
