package dev.vigil.collector.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Single sign-ins sent to the provider and not yet back, by their {@code state}, shared by the collectors on one
 * database so that the provider's redirect may come back to any of them. Blocking.
 */
public interface SsoPendingStore {
    /** One sign-in under way; {@code bindingHash} is the hash of the browser's binding cookie, never the cookie. */
    record SsoPendingRecord(String state, String nonce, String verifier, String bindingHash, Instant expiresAt) {
        @Override
        public String toString() {
            return "SsoPendingRecord[…]";
        }
    }

    /**
     * Deletes the sign-ins expired at {@code now}, then adds this one unless {@code max} are under way.
     *
     * @return false when {@code max} are under way (nothing added)
     */
    boolean begin(SsoPendingRecord pending, Instant now, int max);

    /** Deletes and returns the sign-in of this state; empty when there is none or another collector took it first. */
    Optional<SsoPendingRecord> take(String state);
}
