package dev.vigil.collector.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.FailoverStory;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.WebhookRecorder;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Three collectors behind one Debian mosquitto (shared subscription) and one Debian PostgreSQL act as one: whichever
 * receives a message commits it, all three show the same site and alerts, and each alert change is notified once.
 */
class SeveralCollectorsTest {
    static final String SITE = "story";
    static final List<String> NOTIFIED = List.of(
            "story: failover on " + FailoverStory.GROUP + ": open",
            "story: WAN wan1 down: open",
            "story: WAN wan1 down: resolved",
            "story: failover on " + FailoverStory.GROUP + ": resolved",
            "story: WAN wan2 down: open");

    @Test
    void failoverStory_threeCollectors_sameSiteAndAlertsOnAllWithinASecond_eachChangeNotifiedOnce() throws Exception {
        try (PostgresServer postgres = new PostgresServer();
                MosquittoBroker broker = new MosquittoBroker().start();
                WebhookRecorder webhook = new WebhookRecorder()) {
            String db = postgres.newDatabase();
            try (RunningCollector a = collector(broker, db, webhook, "c1");
                    RunningCollector b = collector(broker, db, webhook, "c2");
                    RunningCollector c = collector(broker, db, webhook, "c3")) {
                List<RunningCollector> all = List.of(a, b, c);
                awaitBalanced(all);
                a.addSite(SITE, "acme");
                List<ApiClient> apis = all.stream().map(RunningCollector::admin).toList();

                tell(broker, a);

                // the last message is committed; from here every collector must show its outcome within 1 s
                await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertSame(apis));
                assertThat(apis.get(0)
                                .get("/api/sites/" + SITE)
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("degraded");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> webhook.changes().size() >= NOTIFIED.size());
                assertThat(webhook.summary()).containsExactlyElementsOf(NOTIFIED);
            }
        }
    }

    /** Every partition owned by one of them, none holding more than its fair share. */
    static void awaitBalanced(List<RunningCollector> all) {
        int fair = (Partitions.COUNT + all.size() - 1) / all.size();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> all.stream()
                                        .mapToInt(x -> x.app().cluster().owned().size())
                                        .sum()
                                == Partitions.COUNT
                        && all.stream().allMatch(x -> x.app().cluster().owned().size() <= fair));
    }

    static RunningCollector collector(MosquittoBroker broker, String db, WebhookRecorder webhook, String id) {
        return new RunningCollector(c -> c.withBroker(broker.url(), null, null, id)
                .withDb(db, "vigil", "")
                .withWebhook(webhook.url()));
    }

    /** Publishes the story step by step, each once the previous one is committed (as seconds apart in real life). */
    static void tell(MosquittoBroker broker, RunningCollector any) throws Exception {
        MqttClient agent = new MqttClient(broker.url(), SITE + "-agent", new MemoryPersistence());
        agent.connect(new MqttConnectOptions());
        long events = 0;
        for (FailoverStory.Step step : FailoverStory.of(SITE)) {
            long fed = any.app().stores().cluster().tail();
            agent.publish("vigil/v1/sites/" + SITE + "/" + step.level(), step.payload(), 1, false);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> any.app().stores().cluster().tail() > fed);
        }
        agent.disconnect();
        agent.close();
    }

    static void assertSame(List<ApiClient> apis) {
        Set<String> sites =
                apis.stream().map(api -> api.get("/api/sites/" + SITE).body()).collect(Collectors.toSet());
        Set<String> alerts = apis.stream()
                .map(api -> api.get("/api/alerts?site=" + SITE).body())
                .collect(Collectors.toSet());
        assertThat(sites).hasSize(1);
        assertThat(alerts).hasSize(1);
        assertThat(sites.iterator().next()).contains("\"wan2\"");
        assertThat(alerts.iterator().next()).contains("WAN wan2 down");
    }
}
