package dev.vigil.collector.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The HTTPS listener of the API and dashboard, beside the plain HTTP one (which can then be bound to loopback for
 * health checks). Responses on it carry HSTS and its login cookie is {@code Secure}.
 *
 * @param port the HTTPS port (8443 by default), 0 = any free port
 * @param certFile PEM certificate chain of the server, leaf first
 * @param keyFile PEM private key of that certificate (PKCS#8 or PKCS#1)
 */
public record HttpTls(int port, Path certFile, Path keyFile) {
    public static final int DEFAULT_PORT = 8443;

    void check(List<String> out) {
        if (port < 0 || port > 65535) {
            out.add("--https-port (VIGIL_HTTPS_PORT): " + port + " is not a port; use 0..65535");
        }
        checkFile(out, "--https-cert (VIGIL_HTTPS_CERT)", certFile);
        checkFile(out, "--https-key (VIGIL_HTTPS_KEY)", keyFile);
    }

    private static void checkFile(List<String> out, String key, Path file) {
        if (file == null) {
            out.add(key + ": required for HTTPS");
        } else if (!Files.isReadable(file)) {
            out.add(key + ": cannot read " + file.toAbsolutePath());
        }
    }
}
