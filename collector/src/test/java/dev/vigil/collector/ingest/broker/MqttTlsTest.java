package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collector.config.MqttTls;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS listener of the embedded endpoint, with certificates made by openssl for this run. */
class MqttTlsTest {
    @TempDir
    static Path pkiDir;

    private static TestPki pki;
    private static RunningCollector collector;
    private static String password;

    @BeforeAll
    static void start() {
        pki = new TestPki(pkiDir);
        pki.createCa("good");
        pki.createCa("other");
        pki.createServer("good");
        collector = new RunningCollector(c -> c.withMqttTls(new MqttTls(0, pki.serverCert(), pki.serverKey())));
        password = collector.addSite("acme");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static MqttClient connectTls(String clientId, Path trustedCa, String pass) throws Exception {
        MqttClient client =
                new MqttClient("ssl://127.0.0.1:" + collector.app().mqttTlsPort(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("acme");
        o.setPassword(pass.toCharArray());
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setConnectionTimeout(10);
        o.setSocketFactory(TestPki.trusting(trustedCa));
        client.connect(o);
        return client;
    }

    @Test
    void tlsClient_trustingTheCa_publishesAndIsAcknowledgedAfterCommit() throws Exception {
        assertThat(collector.app().mqttTlsPort()).isPositive().isNotEqualTo(collector.mqttPort());
        MqttClient site = connectTls("acme-tls", pkiDir.resolve("good-ca.pem"), password);
        long before = collector.app().stores().events().count();
        site.publish("vigil/v1/sites/acme/events", Payloads.info("acme"), 1, false);
        assertThat(collector.app().stores().events().count()).isEqualTo(before + 1);
        site.disconnect();
        site.close();
    }

    @Test
    void tlsClient_trustingAnotherCa_isRefusedWithTlsError() {
        assertThatThrownBy(() -> connectTls("acme-wrong-ca", pkiDir.resolve("other-ca.pem"), password))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof SSLException));
    }

    @Test
    void tlsClient_wrongPassword_isRefusedLikePlainMqtt() {
        assertThatThrownBy(() -> connectTls("acme-bad-pass", pkiDir.resolve("good-ca.pem"), "wrong"))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
    }

    @Test
    void config_tlsKeyMissing_isAProblem() throws Exception {
        Path missing = pkiDir.resolve("nope.key");
        assertThat(Files.exists(missing)).isFalse();
        assertThat(collector
                        .config()
                        .withMqttTls(new MqttTls(0, pki.serverCert(), missing))
                        .problems())
                .anyMatch(p -> p.startsWith("--mqtt-tls-key (VIGIL_MQTT_TLS_KEY): cannot read"));
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
