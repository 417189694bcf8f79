package dev.vigil.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A request from the collector to an agent, on {@code vigil/v1/sites/{site}/commands}, signed by the collector with
 * Ed25519 ({@link CommandSignatures}). An agent runs it only when the signature verifies with the collector's public
 * key, it has not expired and its id was not seen before.
 *
 * @param id ULID, unique; the agent refuses an id it has already seen
 * @param issuer who asked for it: a user name, {@code token:<name>} or {@code collector}
 * @param action one of {@link CommandActions}
 * @param args the action's arguments, an object (may be empty)
 * @param sig base64url (no padding) Ed25519 signature of {@link CommandSignatures#signedBytes(Command)}; null before
 *     signing
 */
public record Command(
        int v,
        String id,
        String site,
        Instant issuedAt,
        Instant expiresAt,
        String issuer,
        String action,
        ObjectNode args,
        String sig) {

    /** The same command with this signature. */
    public Command withSig(String signature) {
        return new Command(v, id, site, issuedAt, expiresAt, issuer, action, args, signature);
    }
}
