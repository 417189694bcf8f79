package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded endpoint against real Paho clients (MQTT 3.1.1). */
class EmbeddedBrokerTest {
    private static RunningCollector collector;
    private static String acmePassword;
    private static String otherPassword;

    @BeforeAll
    static void start() {
        collector = new RunningCollector();
        acmePassword = collector.addSite("acme");
        otherPassword = collector.addSite("other");
        collector.addUser("phone", Role.VIEWER, "phone-password");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static long stored(String kind) {
        return collector.app().counters().get("vigil_ingest_stored_total{kind=\"" + kind + "\"}");
    }

    @Test
    void publishQos1_event_isCommittedBeforePuback() throws Exception {
        MqttClient site = collector.connect("acme-agent-1", "acme", acmePassword);
        long before = collector.app().stores().events().count();
        site.publish("vigil/v1/sites/acme/events", Payloads.info("acme"), 1, false);
        // publish() returned: the PUBACK arrived, so the event must be in the database now, without waiting
        assertThat(collector.app().stores().events().count()).isEqualTo(before + 1);
        site.disconnect();
        site.close();
    }

    @Test
    void publish_sameEventTwice_isStoredOnce() throws Exception {
        MqttClient site = collector.connect("acme-agent-2", "acme", acmePassword);
        byte[] event = Payloads.info("acme");
        long before = collector.app().stores().events().count();
        site.publish("vigil/v1/sites/acme/events", event, 1, false);
        site.publish("vigil/v1/sites/acme/events", event, 1, false);
        assertThat(collector.app().stores().events().count()).isEqualTo(before + 1);
        assertThat(collector.app().counters().get("vigil_ingest_duplicates_total"))
                .isPositive();
        site.disconnect();
        site.close();
    }

    @Test
    void subscriber_retainedStatus_isDeliveredOnSubscribe() throws Exception {
        MqttClient site = collector.connect("acme-agent-3", "acme", acmePassword);
        site.publish("vigil/v1/sites/acme/status", Payloads.status("acme", SiteStatus.ONLINE), 1, true);
        List<String> got = new CopyOnWriteArrayList<>();
        MqttClient phone = collector.connect("phone-retained", "phone", "phone-password");
        phone.subscribe("vigil/v1/sites/+/status", 1, (topic, m) -> got.add(topic + " " + m.isRetained()));
        await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("vigil/v1/sites/acme/status true"));
        phone.disconnect();
        site.disconnect();
    }

    @Test
    void lastWill_connectionDrops_siteGoesOfflineAndSubscribersHearIt() throws Exception {
        String site = "willsite";
        String password = collector.addSite(site);
        List<String> heard = new CopyOnWriteArrayList<>();
        MqttClient admin = collector.connect("admin-will", "admin", RunningCollector.ADMIN_PASSWORD);
        admin.subscribe(
                "vigil/v1/sites/" + site + "/status",
                1,
                (t, m) -> heard.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        MqttClient agent = collector.connect(
                "will-agent",
                site,
                password,
                o -> o.setWill(
                        "vigil/v1/sites/" + site + "/status", Payloads.status(site, SiteStatus.OFFLINE), 1, true));
        agent.publish("vigil/v1/sites/" + site + "/status", Payloads.status(site, SiteStatus.ONLINE), 1, true);
        agent.disconnectForcibly(100, 100, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(p -> p.contains("\"offline\"")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(collector
                                .app()
                                .projection()
                                .get(site)
                                .orElseThrow()
                                .online())
                        .isFalse());
        assertThat(collector.app().alerts().unresolved(site))
                .anyMatch(a -> a.rule().equals("site_offline"));
        admin.disconnect();
    }

    @Test
    void persistentSession_phoneOffline_getsMissedAlertOnReconnect() throws Exception {
        MqttClient phone =
                collector.connect("phone-persistent", "phone", "phone-password", o -> o.setCleanSession(false));
        phone.subscribe("vigil/v1/alerts/other", 1);
        phone.disconnect();
        phone.close();

        MqttClient site = collector.connect("other-agent", "other", otherPassword);
        site.publish("vigil/v1/sites/other/events", Payloads.wanDown("other", "wan9"), 1, false);
        site.disconnect();

        List<String> got = new CopyOnWriteArrayList<>();
        MqttClient again = new MqttClient(
                collector.mqttUrl(),
                "phone-persistent",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        again.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                got.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
        var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setUserName("phone");
        options.setPassword("phone-password".toCharArray());
        options.setCleanSession(false);
        again.connect(options);
        await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().anyMatch(p -> p.contains("wan9")));
        again.disconnect();
    }

    @Test
    void connect_withoutCredentials_isRefusedBadUserNameOrPassword() {
        assertThatThrownBy(() -> collector.connect("anon", null, null))
                .isInstanceOf(MqttSecurityException.class)
                .extracting(e -> ((MqttException) e).getReasonCode())
                .isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void connect_wrongPassword_isRefusedBadUserNameOrPassword() {
        assertThatThrownBy(() -> collector.connect("wrong", "acme", "not-the-password"))
                .isInstanceOf(MqttSecurityException.class)
                .extracting(e -> ((MqttException) e).getReasonCode())
                .isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertThat(collector.app().counters().get("vigil_mqtt_refused_total{reason=\"bad_credentials\"}"))
                .isPositive();
    }

    @Test
    void connect_willOnAnotherSitesTopic_isRefusedNotAuthorized() {
        assertThatThrownBy(() -> collector.connect(
                        "bad-will",
                        "acme",
                        acmePassword,
                        o -> o.setWill(
                                "vigil/v1/sites/other/status", Payloads.status("other", SiteStatus.OFFLINE), 1, true)))
                .isInstanceOf(MqttSecurityException.class)
                .extracting(e -> ((MqttException) e).getReasonCode())
                .isEqualTo((int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    }

    @Test
    void publish_underAnotherSitesTopic_isRefusedAndNothingStored() throws Exception {
        MqttClient site = collector.connect("acme-intruder", "acme", acmePassword);
        long before = collector.app().stores().events().count();
        assertThatThrownBy(() -> site.publish("vigil/v1/sites/other/events", Payloads.info("other"), 1, false))
                .isInstanceOf(MqttException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !site.isConnected());
        assertThat(collector.app().stores().events().count()).isEqualTo(before);
        assertThat(collector.app().counters().get("vigil_ingest_rejected_total{reason=\"not_authorized\"}"))
                .isPositive();
        site.close();
    }

    @Test
    void publish_invalidPayload_isRejectedCountedAndConnectionSurvives() throws Exception {
        MqttClient site = collector.connect("acme-garbage", "acme", acmePassword);
        long events = stored("events");
        site.publish(
                "vigil/v1/sites/acme/events", "{\"v\":1,\"id\":\"nope\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        site.publish("vigil/v1/sites/acme/events", new byte[] {(byte) 0xff, 0, 1}, 1, false);
        site.publish("vigil/v1/sites/other/events".replace("other", "acme"), Payloads.wanDown("other", "x"), 1, false);
        assertThat(site.isConnected()).isTrue();
        site.publish("vigil/v1/sites/acme/events", Payloads.info("acme"), 1, false);
        assertThat(stored("events")).isEqualTo(events + 1);
        assertThat(collector.app().counters().get("vigil_ingest_rejected_total{reason=\"schema\"}"))
                .isPositive();
        assertThat(collector.app().counters().get("vigil_ingest_rejected_total{reason=\"invalid_json\"}"))
                .isPositive();
        assertThat(collector.app().counters().get("vigil_ingest_rejected_total{reason=\"site_mismatch\"}"))
                .isPositive();
        site.disconnect();
    }

    @Test
    void subscribe_viewerToEvents_isRefusedButAlertsAreGranted() throws Exception {
        MqttClient phone = collector.connect("phone-acl", "phone", "phone-password");
        IMqttMessageListener ignore = (t, m) -> {};
        var denied = phone.subscribeWithResponse("vigil/v1/sites/acme/events", 1, ignore);
        assertThat(denied.getGrantedQos()).containsExactly(0x80);
        var granted = phone.subscribeWithResponse("vigil/v1/alerts/#", 1, ignore);
        assertThat(granted.getGrantedQos()).containsExactly(1);
        phone.disconnect();
    }

    @Test
    void keepAlive_silentClient_isDisconnected() throws Exception {
        try (Socket s = new Socket("127.0.0.1", collector.mqttPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(connectPacket("acme", acmePassword, 1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] connack = in.readNBytes(4);
            assertThat(connack).containsExactly(0x20, 0x02, 0x00, 0x00);
            long start = System.nanoTime();
            assertThat(in.read()).isEqualTo(-1); // closed by the server after 1.5 × keep-alive of silence
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void garbageBytes_onMqttPort_closeThatConnectionOnly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", collector.mqttPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write("GET / HTTP/1.1\r\n\r\n\u0000\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        MqttClient site = collector.connect("after-garbage", "acme", acmePassword);
        site.publish("vigil/v1/sites/acme/events", Payloads.info("acme"), 1, false);
        site.disconnect();
    }

    @Test
    void oversizedPacket_closesThatConnectionAndStoresNothing() throws Exception {
        MqttClient site = collector.connect("acme-oversized", "acme", acmePassword);
        long before = collector.app().stores().events().count();
        byte[] huge = new byte[300 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        assertThatThrownBy(() -> site.publish("vigil/v1/sites/acme/events", huge, 1, false))
                .isInstanceOf(MqttException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !site.isConnected());
        assertThat(collector.app().stores().events().count()).isEqualTo(before);
        site.close();
    }

    /** A raw MQTT 3.1.1 CONNECT with user name, password and keep-alive. */
    static byte[] connectPacket(String user, String password, int keepAliveS) {
        byte[] id = "raw-client".getBytes(StandardCharsets.UTF_8);
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, (byte) keepAliveS});
        for (byte[] field : List.of(id, u, p)) {
            body.write(field.length >> 8);
            body.write(field.length & 0xff);
            body.writeBytes(field);
        }
        byte[] b = body.toByteArray();
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(b.length);
        packet.writeBytes(b);
        return packet.toByteArray();
    }
}
