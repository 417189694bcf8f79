package dev.vigil.agent.routeros;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * SSL contexts that trust exactly the router: its certificate's SHA-256 fingerprint, and/or a CA file. A pinned
 * certificate is trusted whatever host name it carries, since the pin already names that one certificate; with a CA
 * the certificate must also name the host (the caller turns on endpoint identification).
 */
public final class TlsContexts {
    private TlsContexts() {}

    public static SSLContext forRouter(TlsSettings settings) {
        try {
            X509TrustManager ca = settings.caFile() == null ? null : caTrust(settings);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new RouterTrust(settings.fingerprint(), ca)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new RouterOsException(
                    RouterOsException.Kind.TLS, "cannot use CA file " + settings.caFile() + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public static byte[] fingerprint(Certificate certificate) throws CertificateException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot hash the certificate", e);
        }
    }

    private static X509TrustManager caTrust(TlsSettings settings) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(settings.caFile())) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, cert);
            }
            if (i == 0) {
                throw new CertificateException("no certificate in the file");
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static final class RouterTrust extends X509ExtendedTrustManager {
        private final byte[] pin;
        private final X509TrustManager ca;

        RouterTrust(byte[] pin, X509TrustManager ca) {
            this.pin = pin;
            this.ca = ca;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkPin(chain);
            if (ca != null) {
                ca.checkServerTrusted(chain, authType);
            }
        }

        private void checkPin(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the router presented no certificate");
            }
            if (pin != null) {
                byte[] actual = fingerprint(chain[0]);
                if (!Arrays.equals(actual, pin)) {
                    throw new CertificateException("router certificate fingerprint " + TlsSettings.format(actual)
                            + " does not match the pinned " + TlsSettings.format(pin));
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkPin(chain);
            if (ca instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(chain, authType, socket);
            } else if (ca != null) {
                ca.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkPin(chain);
            if (ca instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(chain, authType, engine);
            } else if (ca != null) {
                ca.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
