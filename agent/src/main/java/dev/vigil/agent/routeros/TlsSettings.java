package dev.vigil.agent.routeros;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How the router's certificate is trusted: a pinned SHA-256 fingerprint of its certificate, or a CA file (PEM), or
 * both (the pin must match and the chain must verify).
 *
 * @param fingerprint 32 bytes, or null
 * @param caFile PEM file of trusted CA certificates, or null
 */
public record TlsSettings(byte[] fingerprint, Path caFile) {
    public TlsSettings {
        fingerprint = fingerprint == null ? null : fingerprint.clone();
    }

    public static TlsSettings pinned(String fingerprint) {
        return new TlsSettings(parseFingerprint(fingerprint), null);
    }

    public static TlsSettings ca(Path caFile) {
        return new TlsSettings(null, caFile);
    }

    /**
     * Accepts {@code sha256:AB:CD:…}, {@code AB:CD:…} or plain hex (64 digits).
     *
     * @throws IllegalArgumentException with what is accepted
     */
    public static byte[] parseFingerprint(String text) {
        String hex = text.trim().toLowerCase(Locale.ROOT);
        if (hex.startsWith("sha256:")) {
            hex = hex.substring(7);
        }
        hex = hex.replace(":", "").replace(" ", "");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "a certificate fingerprint is 32 bytes of SHA-256 in hex, like sha256:AB:CD:… (64 hex digits)");
        }
        return HexFormat.of().parseHex(hex);
    }

    public static String format(byte[] fingerprint) {
        return "sha256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint);
    }

    @Override
    public String toString() {
        return "TlsSettings[" + (fingerprint == null ? "" : format(fingerprint))
                + (caFile == null ? "" : " ca=" + caFile) + "]";
    }
}
