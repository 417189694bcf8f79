package dev.vigil.collector.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.CollectorProcess;
import dev.vigil.collector.testing.FailoverStory;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.collector.testing.WebhookRecorder;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three collector processes behind Debian's mosquitto and PostgreSQL; the one that runs the rules of the story's site
 * is killed with SIGKILL halfway through: the other two take its partitions within 10 s, the story goes on, every
 * alert change is notified once, and the killed one rejoins after a restart and shows the same.
 */
class CollectorTakeoverTest {
    private static final String SITE = SeveralCollectorsTest.SITE;
    private static final Duration TAKEOVER = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sigkillOfTheSitesOwnerMidStory_othersTakeOverWithin10s_nothingLostOrDoubled_andItRejoins() throws Exception {
        try (PostgresServer postgres = new PostgresServer();
                MosquittoBroker broker = new MosquittoBroker().start();
                WebhookRecorder webhook = new WebhookRecorder()) {
            String db = postgres.newDatabase();
            List<CollectorProcess> all = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    all.add(CollectorProcess.clusterMember(
                                    dir.resolve("c" + i), broker.url(), db, "c" + i, "--webhook", webhook.url())
                            .start());
                }
                all.forEach(CollectorProcess::admin);
                awaitBalanced(all, Duration.ofSeconds(30));
                assertThat(all.get(0)
                                .admin()
                                .post("/api/sites", "{\"site\":\"" + SITE + "\",\"tags\":[\"acme\"]}")
                                .status())
                        .isEqualTo(201);
                List<FailoverStory.Step> story = FailoverStory.of(SITE);
                MqttClient agent = new MqttClient(broker.url(), SITE + "-agent", new MemoryPersistence());
                agent.connect(new MqttConnectOptions());

                tell(agent, story.subList(0, 5), db);
                CollectorProcess owner = all.stream()
                        .filter(c -> clusterOfSite(c).path("owns_site").asBoolean())
                        .findFirst()
                        .orElseThrow();
                // the owner has announced what the first half opened before it dies
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> webhook.changes().size() == 2);
                owner.kill();
                long killed = System.nanoTime();
                List<CollectorProcess> survivors =
                        all.stream().filter(c -> c != owner).toList();
                awaitBalanced(survivors, TAKEOVER);
                Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                assertThat(takeover).isLessThan(TAKEOVER);

                tell(agent, story.subList(5, story.size()), db);
                agent.disconnect();
                agent.close();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertSame(survivors));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> webhook.changes().size() >= SeveralCollectorsTest.NOTIFIED.size());
                assertThat(webhook.summary()).containsExactlyInAnyOrderElementsOf(SeveralCollectorsTest.NOTIFIED);

                owner.start().admin();
                awaitBalanced(all, Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertSame(all));
                assertThat(webhook.summary()).containsExactlyInAnyOrderElementsOf(SeveralCollectorsTest.NOTIFIED);
            } finally {
                all.forEach(CollectorProcess::close);
            }
        }
    }

    /** Publishes the steps one by one, each once it is in the shared feed. */
    private static void tell(MqttClient agent, List<FailoverStory.Step> steps, String db) throws Exception {
        for (FailoverStory.Step step : steps) {
            long fed = feedTail(db);
            agent.publish("vigil/v1/sites/" + SITE + "/" + step.level(), step.payload(), 1, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> feedTail(db) > fed);
        }
    }

    private static long feedTail(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "vigil", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM cluster_feed")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode clusterOfSite(CollectorProcess c) {
        ApiClient.Reply r = c.admin().get("/api/cluster?site=" + SITE);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void awaitBalanced(List<CollectorProcess> all, Duration within) {
        int fair = (Partitions.COUNT + all.size() - 1) / all.size();
        await().atMost(within).untilAsserted(() -> {
            List<Integer> owned =
                    all.stream().map(CollectorProcess::ownedPartitions).toList();
            assertThat(owned.stream().mapToInt(Integer::intValue).sum())
                    .as("owned %s", owned)
                    .isEqualTo(Partitions.COUNT);
            assertThat(owned).allSatisfy(n -> assertThat(n).isBetween(1, fair));
        });
    }

    private static void assertSame(List<CollectorProcess> all) {
        List<ApiClient> apis = all.stream().map(CollectorProcess::admin).toList();
        SeveralCollectorsTest.assertSame(apis);
        assertThat(apis.stream()
                        .map(a ->
                                a.get("/api/sites/" + SITE).json().get("status").asText())
                        .collect(Collectors.toSet()))
                .containsExactly("degraded");
    }
}
