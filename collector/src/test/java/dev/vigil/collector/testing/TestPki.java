package dev.vigil.collector.testing;

import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** A throw-away CA and a server certificate for 127.0.0.1/localhost, made with Debian's openssl at test time. */
public final class TestPki {
    private final Path dir;

    public TestPki(Path dir) {
        this.dir = dir;
        Prerequisites.requireCommand("openssl", "openssl");
    }

    /** Creates {@code name-ca.pem}/{@code name-ca.key}. */
    public Path createCa(String name) {
        run(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=" + name + " test CA",
                "-keyout",
                name + "-ca.key",
                "-out",
                name + "-ca.pem");
        return dir.resolve(name + "-ca.pem");
    }

    /** Creates {@code server.pem}/{@code server.key} (PKCS#8) signed by the CA {@code caName}. */
    public void createServer(String caName) {
        run(
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-keyout",
                "server.key",
                "-out",
                "server.csr");
        write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                caName + "-ca.pem",
                "-CAkey",
                caName + "-ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "server.ext",
                "-out",
                "server.pem");
    }

    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** A server-side TLS context with {@link #serverCert()} and {@link #serverKey()} (an EC key in PKCS#8). */
    public javax.net.ssl.SSLContext serverContext() throws Exception {
        String pem = Files.readString(serverKey(), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                        java.util.Base64.getDecoder().decode(pem)));
        java.security.cert.Certificate cert;
        try (InputStream in = Files.newInputStream(serverCert())) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        char[] password = "test".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, password, new java.security.cert.Certificate[] {cert});
        javax.net.ssl.KeyManagerFactory kmf =
                javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    /** A socket factory trusting only the given CA certificate. */
    public static SSLSocketFactory trusting(Path caPem) throws Exception {
        return trustingContext(caPem).getSocketFactory();
    }

    /** A TLS context trusting only the given CA certificate (for an HTTPS client). */
    public static SSLContext trustingContext(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
