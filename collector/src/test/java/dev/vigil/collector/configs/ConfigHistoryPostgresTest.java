package dev.vigil.collector.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.collector.testing.RunningCollector;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/** The configuration history story on a collector that stores in PostgreSQL. */
class ConfigHistoryPostgresTest {
    @Test
    void twoBackupsOneVersion_thenAChangedNatRule_isASecondVersionWithThatLineAsItsDiff() throws Exception {
        try (PostgresServer postgres = new PostgresServer()) {
            String url = postgres.newDatabase();
            try (RunningCollector collector = new RunningCollector(c -> c.withDb(url, "vigil", ""))) {
                MqttClient mqtt = collector.connect("pg-config-agent", "pg-site", collector.addSite("pg-site"));
                ConfigAgent agent = new ConfigAgent(mqtt, "pg-site");
                ApiClient admin = collector.admin();
                Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(3));
                String path = "/api/sites/pg-site/configs/router-a";

                agent.export("router-a", ConfigHistoryTest.config(ConfigHistoryTest.NAT_RULE), t0);
                agent.export(
                        "router-a", ConfigHistoryTest.config(ConfigHistoryTest.NAT_RULE), t0.plus(Duration.ofHours(1)));
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () -> admin.get(path)
                                        .json()
                                        .path("versions")
                                        .path(0)
                                        .path("last_confirmed_at")
                                        .asText(),
                                t0.plus(Duration.ofHours(1)).toString()::equals);
                assertThat(admin.get(path).json().get("versions")).hasSize(1);

                agent.export(
                        "router-a",
                        ConfigHistoryTest.config(ConfigHistoryTest.NAT_RULE_CHANGED),
                        t0.plus(Duration.ofHours(2)));
                JsonNode versions = await().atMost(Duration.ofSeconds(20))
                        .until(() -> admin.get(path).json().get("versions"), v -> v.size() == 2);
                assertThat(versions.get(0).get("id").asInt()).isEqualTo(2);
                List<String> changes = admin.get(path + "/diff?from=1&to=2")
                        .body()
                        .lines()
                        .skip(2)
                        .filter(l -> l.startsWith("+") || l.startsWith("-"))
                        .toList();
                assertThat(changes)
                        .containsExactly("-" + ConfigHistoryTest.NAT_RULE, "+" + ConfigHistoryTest.NAT_RULE_CHANGED);
                mqtt.disconnect();
            }
        }
    }
}
