package dev.vigil.collector.tenancy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 (HOTP of RFC 4226 over 30-second steps since the epoch). Vigil issues
 * HMAC-SHA1, 6 digits, 30 s — what every authenticator app reads from an {@code otpauth://} URI; the other algorithms
 * and lengths are here for the RFC's test vectors. Pure functions; time comes from the caller.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** One step either side: a phone clock a little off, or a code typed just as it rolled over. */
    public static final int WINDOW = 1;

    private Totp() {}

    public static long step(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for a step; {@code algorithm} is a JCE HMAC name such as {@code HmacSHA1}. */
    public static String code(byte[] secret, long step, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24)
                    | ((h[offset + 1] & 0xff) << 16)
                    | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            int modulo = (int) Math.pow(10, digits);
            String text = Integer.toString(binary % modulo);
            return "0".repeat(digits - text.length()) + text;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("HMAC algorithm " + algorithm + " is not available", e);
        }
    }

    /**
     * The step the code belongs to, within {@link #WINDOW} of now and after {@code lastUsedStep} (a code used once is
     * refused for the rest of its window); empty when it does not match.
     */
    public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            if (s > lastUsedStep
                    && java.security.MessageDigest.isEqual(
                            code(secret, s, DIGITS, "HmacSHA1").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            code.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }
}
