package dev.vigil.collector.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.store.FeedRow;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.FailoverStory;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.WebhookRecorder;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
    /** Every alert change of the story; the webhook posts them concurrently, so in any order, but each once. */
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
                // the last message is committed; within 1 s every collector must hold its outcome (the owner's
                // alert change included). Measured 0.4-0.5 s on 2 cores at load average 25 (docs/collector.md)
                await().atMost(Duration.ofSeconds(1))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> all.stream()
                                                .map(x -> List.of(
                                                        x.app().projection().get(SITE),
                                                        x.app().alerts().unresolved(SITE)))
                                                .distinct()
                                                .count()
                                        == 1
                                && !a.app().alerts().unresolved(SITE).isEmpty()
                                && a.app()
                                        .alerts()
                                        .unresolved(SITE)
                                        .get(0)
                                        .title()
                                        .contains("wan2"));
                // and serve it alike
                assertSame(apis);
                assertThat(apis.get(0)
                                .get("/api/sites/" + SITE)
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("degraded");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> webhook.changes().size() >= NOTIFIED.size());
                assertThat(webhook.summary()).containsExactlyInAnyOrderElementsOf(NOTIFIED);
            }
        }
    }

    @Test
    void browserMovedToAnotherCollector_keepsItsLoginAndLiveStream_andALogoutCountsEverywhere() throws Exception {
        try (PostgresServer postgres = new PostgresServer();
                MosquittoBroker broker = new MosquittoBroker().start();
                WebhookRecorder webhook = new WebhookRecorder()) {
            String db = postgres.newDatabase();
            try (RunningCollector a = collector(broker, db, webhook, "c1");
                    RunningCollector b = collector(broker, db, webhook, "c2")) {
                awaitBalanced(List.of(a, b));
                a.addSite(SITE);
                ApiClient onA = a.admin();
                // the load balancer sends the same browser (same cookie) to the other collector
                ApiClient onB = onA.withPort(b.httpPort());
                assertThat(onB.get("/api/me").status()).isEqualTo(200);
                List<String> lines = new CopyOnWriteArrayList<>();
                var stream = onB.http()
                        .sendAsync(
                                HttpRequest.newBuilder(URI.create(onB.base() + "/api/stream"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofLines())
                        .thenAcceptAsync(r -> r.body().forEach(lines::add));
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
                MqttClient agent = new MqttClient(broker.url(), SITE + "-agent", new MemoryPersistence());
                agent.connect(new MqttConnectOptions());
                agent.publish("vigil/v1/sites/" + SITE + "/events", Payloads.wanDown(SITE, "wan-sse"), 1, false);
                agent.disconnect();
                agent.close();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> lines.contains("event: event")
                                && lines.contains("event: site")
                                && lines.contains("event: alert"));
                stream.cancel(true);

                assertThat(onA.post("/api/logout", "").status()).isEqualTo(204);
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> onB.get("/api/me").status() == 401);
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

    /**
     * Publishes the story step by step, each once the previous one is committed (as seconds apart in real life): its
     * own row is in the feed, not merely any row (an alert change of the step before also moves the feed on).
     */
    static void tell(MosquittoBroker broker, RunningCollector any) throws Exception {
        MqttClient agent = new MqttClient(broker.url(), SITE + "-agent", new MemoryPersistence());
        agent.connect(new MqttConnectOptions());
        for (FailoverStory.Step step : FailoverStory.of(SITE)) {
            long fed = any.app().stores().cluster().tail();
            String kind = step.level().equals("events") ? FeedRow.EVENT : step.level();
            agent.publish("vigil/v1/sites/" + SITE + "/" + step.level(), step.payload(), 1, false);
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> any.app().stores().cluster().after(fed, 100).stream()
                            .anyMatch(r -> r.kind().equals(kind)));
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
