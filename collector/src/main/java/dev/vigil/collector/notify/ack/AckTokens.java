package dev.vigil.collector.notify.ack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed acknowledge tokens {@code ALERTID.EXPIRY.NONCE.SIGNATURE}: the signature is HMAC-SHA256 with the collector's
 * secret over the alert id, expiry (epoch seconds) and nonce, so a token names one alert and cannot be altered. Single
 * use is kept by {@link AckStore} through the nonce. Pure: no clock, no store.
 */
public final class AckTokens {
    private static final Pattern SHAPE =
            Pattern.compile("([0-9A-Za-z]{1,64})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();

    /** A token and its parts. */
    public record Token(String text, String alertId, Instant expires, String nonce) {}

    /** Why a token was refused: each is answered 403. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    public AckTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the ack secret must have at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    public Token issue(String alertId, Instant now, Duration validFor) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = B64.encodeToString(n);
        long expires = now.plus(validFor).getEpochSecond();
        String text = alertId + "." + expires + "." + nonce + "." + sign(alertId, expires, nonce);
        return new Token(text, alertId, Instant.ofEpochSecond(expires), nonce);
    }

    /** Checks shape, signature and expiry (not single use). */
    public Token verify(String text, Instant now) throws Refused {
        var m = text == null ? null : SHAPE.matcher(text);
        if (m == null || !m.matches()) {
            throw new Refused("malformed token");
        }
        long expires = Long.parseLong(m.group(2));
        String expected = sign(m.group(1), expires, m.group(3));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused("bad signature");
        }
        if (!now.isBefore(Instant.ofEpochSecond(expires))) {
            throw new Refused("expired");
        }
        return new Token(text, m.group(1), Instant.ofEpochSecond(expires), m.group(3));
    }

    private String sign(String alertId, long expires, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal(
                    ("vigil-ack\n" + alertId + "\n" + expires + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
