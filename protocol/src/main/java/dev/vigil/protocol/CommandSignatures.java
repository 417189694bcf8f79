package dev.vigil.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Ed25519 signatures of commands with the JDK's own EdDSA. The signed bytes are independent of how the JSON was
 * written: the fields one per line in a fixed order, times as {@link java.time.Instant#toString()} in milliseconds
 * and the args as JSON with keys sorted at every level (docs/commands.md).
 */
public final class CommandSignatures {
    static final String DOMAIN = "vigil-command-v1";
    private static final String ALGORITHM = "Ed25519";

    private CommandSignatures() {}

    /** The command with its times cut to milliseconds (what the wire keeps) and its signature. */
    public static Command sign(Command command, PrivateKey key) {
        Command exact = new Command(
                command.v(),
                command.id(),
                command.site(),
                command.issuedAt().truncatedTo(ChronoUnit.MILLIS),
                command.expiresAt().truncatedTo(ChronoUnit.MILLIS),
                command.issuer(),
                command.action(),
                command.args() == null ? Json.object() : command.args(),
                null);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signedBytes(exact));
            return exact.withSig(Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** True only when {@code sig} is a valid Ed25519 signature of this command by {@code key}. */
    public static boolean verifies(Command command, PublicKey key) {
        if (command.sig() == null) {
            return false;
        }
        try {
            byte[] sig = Base64.getUrlDecoder().decode(command.sig());
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedBytes(command));
            return verifier.verify(sig);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** What is signed: UTF-8 of the lines below joined by '\n'. */
    public static byte[] signedBytes(Command c) {
        String text = String.join(
                "\n",
                DOMAIN,
                c.id(),
                c.site(),
                c.issuedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                c.expiresAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                c.issuer(),
                c.action(),
                canonical(c.args() == null ? Json.object() : c.args()).toString());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The same JSON with object keys sorted at every level; written compactly by {@code toString()}. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode sorted = Json.object();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = Json.array();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }
}
