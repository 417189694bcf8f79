package dev.vigil.collector.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/reports/availability} on a running collector fed over MQTT with events of the past. */
class AvailabilityReportApiTest {
    /** A day that has passed: the report of it is complete. */
    private static final Instant DAY =
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

    private static final EventIds IDS = new EventIds();
    private static final AtomicLong SEQ = new AtomicLong();
    private static RunningCollector collector;
    private static ApiClient admin;
    private static MqttClient agent;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector();
        admin = collector.admin();
        agent = collector.connect("acme-agent", "acme-hq", collector.addSite("acme-hq"));
        collector.addSite("quiet-site");
        send("wan.up", "wan/wan1", -60, Json.object().put("wan", "wan1").put("state", "up"));
        send("wan.down", "wan/wan1", 6 * 60, Json.object().put("wan", "wan1").put("state", "down"));
        send("wan.up", "wan/wan1", 6 * 60 + 72, Json.object().put("wan", "wan1").put("state", "up"));
        send(
                "vrrp.master_changed",
                "vrrp/eth0/IPv4/10",
                12 * 60,
                Json.object()
                        .put("interface", "eth0")
                        .put("family", "IPv4")
                        .put("vrid", 10)
                        .put("version", 3)
                        .put("master", "192.0.2.12")
                        .put("previous", "192.0.2.11"));
        send("agent.started", "agent", 12 * 60 + 1, Json.object().put("version", "1.0"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> admin.get("/api/sites/acme-hq/events?from=" + DAY.minus(Duration.ofDays(1)) + "&limit=10")
                                .json()
                                .get("events")
                                .size()
                        == 5);
    }

    private static void send(String type, String subject, int minute, ObjectNode data) throws Exception {
        Event e = new Event(
                1,
                IDS.next(),
                "acme-hq",
                SEQ.incrementAndGet(),
                DAY.plus(Duration.ofMinutes(minute)),
                type,
                Severity.WARNING,
                subject,
                data);
        agent.publish("vigil/v1/sites/acme-hq/events", Payloads.bytes(e), 1, false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.disconnect();
        }
        collector.close();
    }

    private static String day() {
        return "from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1));
    }

    @Test
    void availability_siteWithOutageAndFailover_reportsUptimeFailoversAndWanDownTime() {
        ApiClient.Reply r = admin.get("/api/reports/availability?site=acme-hq&" + day());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode site = r.json().get("sites").get(0);
        assertThat(site.get("site").asText()).isEqualTo("acme-hq");
        // 72 minutes of 1,440 down: 95 %
        assertThat(site.get("uptime_pct").asDouble()).isEqualTo(95.0);
        assertThat(site.get("down_s").asLong()).isEqualTo(72 * 60);
        assertThat(site.get("failovers").asInt()).isEqualTo(1);
        assertThat(site.get("incidents").asInt()).isEqualTo(1);
        assertThat(site.get("mttr_s").asLong()).isEqualTo(72 * 60);
        JsonNode wan = site.get("wans").get(0);
        assertThat(wan.get("wan").asText()).isEqualTo("wan1");
        assertThat(wan.get("outages").asInt()).isEqualTo(1);
        assertThat(wan.get("down_s").asLong()).isEqualTo(72 * 60);
    }

    @Test
    void availability_csv_hasASiteRowAndAWanRow() {
        ApiClient.Reply r = admin.get("/api/reports/availability?site=acme-hq&format=csv&" + day());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().lines().toList()).hasSize(3).first().isEqualTo(ReportFormats.CSV_HEADER.strip());
        assertThat(r.body().lines().toList().get(1))
                .startsWith("acme-hq,," + DAY + ",")
                .contains(",95.000,4320,");
        assertThat(r.body().lines().toList().get(2)).startsWith("acme-hq,wan1,");
    }

    @Test
    void availability_siteWithNoEvents_answersWithUnknownUptimeAndSaysWhy() {
        JsonNode site = admin.get("/api/reports/availability?site=quiet-site&" + day())
                .json()
                .get("sites")
                .get(0);
        assertThat(site.get("uptime_pct").isNull()).isTrue();
        assertThat(site.get("note").asText()).contains("no events");
    }

    @Test
    void availability_unknownSite_is404() {
        ApiClient.Reply r = admin.get("/api/reports/availability?site=nowhere&" + day());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("nowhere");
    }

    @Test
    void availability_yearsLongRange_isCappedAndSaysSo() {
        ApiClient.Reply r = admin.get(
                "/api/reports/availability?site=acme-hq&from=2019-01-01T00:00:00Z&to=" + DAY.plus(Duration.ofDays(1)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("note").asText()).contains("366 days");
        assertThat(Instant.parse(r.json().get("from").asText()))
                .isEqualTo(DAY.plus(Duration.ofDays(1)).minus(ReportRange.MAX));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "site=acme-hq&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z | reversed",
                "site=acme-hq&from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z | empty",
                "site=acme-hq | give from and to",
                "site=acme-hq&month=2026/11 | 2026-11",
                "site=acme-hq&month=2026-11&format=pdf | format",
                "month=2026-11 | exactly one of site and customer"
            })
    void availability_badQuery_is400WithAReason(String query, String reason) {
        ApiClient.Reply r = admin.get("/api/reports/availability?" + query);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(reason);
    }

    @Test
    void availability_unknownCustomer_is404NamingIt() {
        ApiClient.Reply r = admin.get("/api/reports/availability?customer=acme&" + day());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("no such customer: acme");
    }

    @Test
    void availability_withoutSession_is401() {
        assertThat(new ApiClient(collector.httpPort())
                        .get("/api/reports/availability?site=acme-hq&" + day())
                        .status())
                .isEqualTo(401);
    }
}
