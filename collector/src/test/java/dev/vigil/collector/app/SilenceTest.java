package dev.vigil.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.store.AlertRecord;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/** A site that says nothing for longer than the silence timeout is offline until it is heard again. */
class SilenceTest {
    @Test
    void silentSite_goesOfflineWithAnAlert_andComesBackOnTheNextMessage() throws Exception {
        try (RunningCollector collector = new RunningCollector(c -> c.withSilenceTimeout(Duration.ofMillis(800)))) {
            String password = collector.addSite("quiet");
            MqttClient agent = collector.connect("quiet-agent", "quiet", password);
            agent.publish("vigil/v1/sites/quiet/status", Payloads.status("quiet", SiteStatus.ONLINE), 1, true);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(collector
                                .app()
                                .projection()
                                .get("quiet")
                                .orElseThrow()
                                .statusKind()
                                .wireName())
                        .isEqualTo("offline");
                assertThat(collector.app().alerts().unresolved("quiet"))
                        .extracting(AlertRecord::rule)
                        .containsExactly("site_offline");
            });
            agent.publish("vigil/v1/sites/quiet/events", Payloads.info("quiet"), 1, false);
            assertThat(collector.app().alerts().unresolved("quiet")).isEmpty();
            assertThat(collector.app().projection().get("quiet").orElseThrow().silent())
                    .isFalse();
            agent.disconnect();
        }
    }
}
