package dev.vigil.collector.configs;

import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;

/** Config exports for tests outside this package (the dashboard's). */
public final class ConfigTestExports {
    public static final String NAT_RULE = ConfigHistoryTest.NAT_RULE;
    public static final String NAT_RULE_CHANGED = ConfigHistoryTest.NAT_RULE_CHANGED;

    private ConfigTestExports() {}

    /**
     * Publishes, as the site's agent, two versions of router-a (the NAT rule changed) and one of router-b, and waits
     * until the collector has stored them.
     */
    public static void storeTwoVersionsOfRouterA(RunningCollector collector, MqttClient mqtt, String site)
            throws Exception {
        ConfigAgent agent = new ConfigAgent(mqtt, site);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(2));
        agent.export("router-a", ConfigHistoryTest.config(NAT_RULE), t0);
        agent.export("router-a", ConfigHistoryTest.config(NAT_RULE_CHANGED), t0.plus(Duration.ofHours(1)));
        agent.export("router-b", ConfigHistoryTest.config(NAT_RULE), t0);
        ApiClient admin = collector.admin();
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> admin.get("/api/sites/" + site + "/configs").body(),
                        b -> b.contains("\"router-b\"") && b.contains("\"versions\":2"));
    }
}
