package dev.vigil.collector.homeassistant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Home Assistant object ids ({@code [a-zA-Z0-9_-]}) for site, WAN and router names. A name that already is one is
 * kept as it is, lower-cased; any other is lower-cased with every other character replaced by {@code _} and a short
 * hash of the original appended, so that {@code acme.hq} and {@code acme_hq} stay two devices, and a name maps to
 * the same id on every start.
 */
public final class ObjectIds {
    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]+");

    private ObjectIds() {}

    public static String of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (VALID.matcher(lower).matches() && lower.equals(name)) {
            return lower;
        }
        String cleaned = lower.replaceAll("[^a-z0-9_-]", "_");
        return cleaned + "_" + shortHash(name);
    }

    private static String shortHash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
