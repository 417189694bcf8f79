package dev.vigil.testkit.routeros;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A throw-away self-signed certificate for 127.0.0.1/localhost made with {@code keytool -genkeypair}. */
public final class SelfSignedCert {
    private static final char[] PASSWORD = "vigil-sim".toCharArray();

    private final SSLContext context;
    private final X509Certificate certificate;

    private SelfSignedCert(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    public static SelfSignedCert generate(Path dir) {
        Path store = dir.resolve("sim-" + System.nanoTime() + ".p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> argv = List.of(
                keytool,
                "-genkeypair",
                "-alias",
                "sim",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=vigil-sim",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "7",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            } finally {
                Files.deleteIfExists(store);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new SelfSignedCert(context, (X509Certificate) keys.getCertificate("sim"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a certificate with keytool", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the keytool certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    public SSLContext serverContext() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** {@code sha256:AB:CD:…} of the certificate's DER form. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "sha256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the certificate as PEM (to use as a CA file). */
    public Path writePem(Path file) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
