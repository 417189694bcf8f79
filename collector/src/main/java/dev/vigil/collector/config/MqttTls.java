package dev.vigil.collector.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The TLS listener of the embedded MQTT endpoint.
 *
 * @param port the TLS port (8883 by default), 0 = any free port
 * @param certFile PEM certificate chain of the server, leaf first
 * @param keyFile PEM private key of that certificate (PKCS#8 or PKCS#1)
 */
public record MqttTls(int port, Path certFile, Path keyFile) {
    public static final int DEFAULT_PORT = 8883;

    void check(List<String> out) {
        if (port < 0 || port > 65535) {
            out.add("--mqtt-tls-port (VIGIL_MQTT_TLS_PORT): " + port + " is not a port; use 0..65535");
        }
        checkFile(out, "--mqtt-tls-cert (VIGIL_MQTT_TLS_CERT)", certFile);
        checkFile(out, "--mqtt-tls-key (VIGIL_MQTT_TLS_KEY)", keyFile);
    }

    private static void checkFile(List<String> out, String key, Path file) {
        if (file == null) {
            out.add(key + ": required for MQTT over TLS");
        } else if (!Files.isReadable(file)) {
            out.add(key + ": cannot read " + file.toAbsolutePath());
        }
    }
}
