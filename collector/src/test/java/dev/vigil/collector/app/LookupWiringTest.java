package dev.vigil.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.notify.testing.RecordingChannels;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lookups {@link CollectorApp} wires between features: notification routing asks tenancy for a site's customer,
 * {@code customer=} reports ask tenancy for the customer's sites, and reports leave out the notification policy's
 * maintenance windows.
 */
class LookupWiringTest {
    /** A day that has passed: its report is complete. */
    private static final Instant DAY =
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

    private static final EventIds IDS = new EventIds();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final RecordingChannels CHANNELS =
            new RecordingChannels().add("alpha-pager", "ntfy").add("beta-pager", "ntfy");
    private static RunningCollector collector;
    private static ApiClient msp;
    private static MqttClient agentA;
    private static MqttClient agentB;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector(c -> c, CHANNELS.setup());
        msp = collector.admin();
        for (String customer : new String[] {"Alpha", "Beta"}) {
            assertThat(msp.post("/api/customers", "{\"name\":\"" + customer + "\"}")
                            .status())
                    .isEqualTo(201);
        }
        agentA = collector.connect("agent-a", "a-one", addSite("a-one", "Alpha"));
        addSite("a-two", "Alpha");
        agentB = collector.connect("agent-b", "b-one", addSite("b-one", "Beta"));
        for (String[] rule : new String[][] {{"Alpha", "alpha-pager"}, {"Beta", "beta-pager"}}) {
            ApiClient.Reply r = msp.post(
                    "/api/notify/rules",
                    "{\"customer\":\"" + rule[0] + "\",\"min_severity\":\"info\",\"channels\":[\"" + rule[1] + "\"]}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        // a-one was down 72 minutes of DAY, from 06:00: inside a maintenance window from 05:00 to 08:00
        sendPast("wan.up", "wan/wan1", -60, "up");
        sendPast("wan.down", "wan/wan1", 6 * 60, "down");
        sendPast("wan.up", "wan/wan1", 6 * 60 + 72, "up");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> msp.get("/api/sites/a-one/events?from=" + DAY.minus(Duration.ofDays(1)) + "&limit=10")
                                .json()
                                .get("events")
                                .size()
                        == 3);
    }

    @AfterAll
    static void stop() throws Exception {
        for (MqttClient agent : new MqttClient[] {agentA, agentB}) {
            if (agent != null && agent.isConnected()) {
                agent.disconnect();
            }
        }
        collector.close();
    }

    private static String addSite(String site, String customer) {
        ApiClient.Reply r = msp.post("/api/sites", "{\"site\":\"" + site + "\",\"customer\":\"" + customer + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("password").asText();
    }

    private static void sendPast(String type, String subject, int minute, String state) throws Exception {
        ObjectNode data = Json.object().put("wan", "wan1").put("state", state);
        Event e = new Event(
                1,
                IDS.next(),
                "a-one",
                SEQ.incrementAndGet(),
                DAY.plus(Duration.ofMinutes(minute)),
                type,
                Severity.WARNING,
                subject,
                data);
        agentA.publish("vigil/v1/sites/a-one/events", Payloads.bytes(e), 1, false);
    }

    private static String day() {
        return "from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1));
    }

    @Test
    void routingRuleByCustomer_betaSiteAlert_goesToBetasChannelOnly() throws Exception {
        agentB.publish("vigil/v1/sites/b-one/status", Payloads.status("b-one", SiteStatus.ONLINE), 1, true);
        agentB.publish("vigil/v1/sites/b-one/events", Payloads.wanDown("b-one", "wan1"), 1, false);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !CHANNELS.sentTo("beta-pager").isEmpty());
        assertThat(CHANNELS.sentTo("beta-pager"))
                .allMatch(s -> "b-one".equals(s.notification().site()));
        assertThat(CHANNELS.sentTo("alpha-pager"))
                .noneMatch(s -> "b-one".equals(s.notification().site()));
    }

    @Test
    void reportByCustomer_alpha_listsExactlyAlphasSites() {
        ApiClient.Reply r = msp.get("/api/reports/availability?customer=Alpha&" + day());

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("customer").asText()).isEqualTo("Alpha");
        assertThat(r.json().get("sites").findValuesAsText("site")).containsExactly("a-one", "a-two");
        assertThat(msp.get("/api/reports/availability?customer=Nobody&" + day()).status())
                .isEqualTo(404);
    }

    @Test
    void report_outageInsideMaintenanceWindow_isLeftOut() {
        JsonNode before = siteReport();
        assertThat(before.get("down_s").asLong()).as("without the window").isEqualTo(72 * 60);

        ApiClient.Reply window = msp.post(
                "/api/maintenance",
                "{\"sites\":[\"a-one\"],\"from\":\"" + DAY.plus(Duration.ofHours(5)) + "\",\"to\":\""
                        + DAY.plus(Duration.ofHours(8)) + "\",\"reason\":\"ISP works\"}");
        assertThat(window.status()).as(window.body()).isEqualTo(201);
        try {
            JsonNode after = siteReport();
            assertThat(after.get("down_s").asLong()).isZero();
            assertThat(after.get("maintenance_s").asLong()).isEqualTo(3 * 3600);
            assertThat(after.get("uptime_pct").asDouble()).isEqualTo(100.0);
        } finally {
            msp.delete("/api/maintenance/" + window.json().get("id").asText());
        }
    }

    private static JsonNode siteReport() {
        ApiClient.Reply r = msp.get("/api/reports/availability?site=a-one&" + day());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("sites").get(0);
    }
}
