package dev.vigil.protocol;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as text. A public key is the base64 of its X.509 SubjectPublicKeyInfo, one line of 60 characters
 * starting {@code MCowBQYDK2VwAyEA} (the body of what {@code openssl pkey -pubout} prints); the PEM form is accepted
 * too. A private key is PKCS#8 PEM.
 */
public final class CommandKeys {
    private static final String ALGORITHM = "Ed25519";

    private CommandKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519: " + e.getMessage(), e);
        }
    }

    public static String publicKeyText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Parses one-line base64 or PEM; the message says what is wrong (never echoes the text). */
    public static PublicKey parsePublicKey(String text) {
        byte[] der = decode(text, "PUBLIC KEY", "public key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("is not an Ed25519 public key (X.509 SubjectPublicKeyInfo, base64)");
        }
    }

    public static String privateKeyPem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    public static PrivateKey parsePrivateKey(String pem) {
        byte[] der = decode(pem, "PRIVATE KEY", "private key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("is not an Ed25519 private key (PKCS#8 PEM)");
        }
    }

    private static byte[] decode(String text, String pemLabel, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty: expected an Ed25519 " + what);
        }
        String body = text.replace("-----BEGIN " + pemLabel + "-----", "")
                .replace("-----END " + pemLabel + "-----", "")
                .replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64: expected an Ed25519 " + what);
        }
    }
}
