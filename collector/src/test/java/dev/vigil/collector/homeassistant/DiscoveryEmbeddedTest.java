package dev.vigil.collector.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/**
 * Home Assistant discovery through the embedded endpoint, read by a real MQTT client logged in as a viewer (as Home
 * Assistant's MQTT integration would), every config checked against the documented schema.
 */
class DiscoveryEmbeddedTest {
    /** Not a valid Home Assistant object id: upper case and a dot. */
    private static final String SITE = "Acme.HQ";

    record Received(String payload, boolean retained) {}

    @Test
    void discovery_siteWithRoutersAndWans_publishesValidRetainedConfigsResendsOnBirthAndRemovesGoneWans()
            throws Exception {
        try (RunningCollector collector = new RunningCollector(c -> c.withHomeAssistantDiscovery("homeassistant"))) {
            collector.addUser("ha", Role.VIEWER, "ha-password-1");
            MqttClient agent = collector.connect("acme-agent", SITE, collector.addSite(SITE));
            agent.publish("vigil/v1/sites/" + SITE + "/status", Payloads.status(SITE, SiteStatus.ONLINE), 1, true);
            agent.publish("vigil/v1/sites/" + SITE + "/state", state(List.of("wan1", "wan-2")), 1, true);

            String node = "vigil_" + ObjectIds.of(SITE);
            assertThat(node).matches("[a-z0-9_-]+").startsWith("vigil_acme_hq_");
            Set<String> expected = Set.of(
                    "homeassistant/binary_sensor/" + node + "/problem/config",
                    "homeassistant/binary_sensor/" + node + "/wan_wan1/config",
                    "homeassistant/sensor/" + node + "/wan_wan1_rtt/config",
                    "homeassistant/sensor/" + node + "/wan_wan1_loss/config",
                    "homeassistant/binary_sensor/" + node + "/wan_wan-2/config",
                    "homeassistant/binary_sensor/" + node + "/router_router-a_master/config",
                    "homeassistant/binary_sensor/" + node + "/router_router-b_master/config");
            // wait until the collector has published, so that the client below finds everything retained
            Map<String, String> probe = new ConcurrentHashMap<>();
            MqttClient early = collector.connect("probe", "ha", "ha-password-1");
            early.subscribe("homeassistant/#", 1, (t, m) -> probe.put(t, "x"));
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.keySet().containsAll(expected));
            early.disconnect();

            Map<String, List<Received>> seen = new ConcurrentHashMap<>();
            MqttClient ha = collector.connect("home-assistant", "ha", "ha-password-1");
            org.eclipse.paho.client.mqttv3.IMqttMessageListener record =
                    (topic, m) -> seen.computeIfAbsent(topic, k -> new CopyOnWriteArrayList<>())
                            .add(new Received(new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
            ha.subscribe("homeassistant/#", 1, record);
            ha.subscribe("vigil/v1/ha/#", 1, record);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> seen.keySet().containsAll(expected)
                            && last(seen, "vigil/v1/ha/" + SITE + "/state").contains("wan-2"));

            // every config is retained and valid; every template finds its value in the retained state
            JsonNode state = WireCodec.readTree(last(seen, "vigil/v1/ha/" + SITE + "/state"));
            assertThat(last(seen, "vigil/v1/ha/" + SITE + "/availability")).isEqualTo("online");
            Set<String> uniqueIds = new TreeSet<>();
            Set<String> deviceIds = new TreeSet<>();
            List<String> viaDevices = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String topic : seen.keySet()) {
                if (!topic.startsWith("homeassistant/")) {
                    continue;
                }
                assertThat(seen.get(topic).get(0).retained()).as(topic).isTrue();
                JsonNode config = WireCodec.readTree(last(seen, topic));
                problems.addAll(DiscoverySchema.problems(topic, config));
                assertThat(uniqueIds.add(config.get("unique_id").asText()))
                        .as("unique " + topic)
                        .isTrue();
                deviceIds.add(config.at("/device/identifiers/0").asText());
                if (config.at("/device/via_device").isTextual()) {
                    viaDevices.add(config.at("/device/via_device").asText());
                }
                assertThat(config.get("state_topic").asText()).isEqualTo("vigil/v1/ha/" + SITE + "/state");
                assertThat(config.at("/availability/0/topic").asText())
                        .isEqualTo("vigil/v1/ha/" + SITE + "/availability");
                assertThat(DiscoverySchema.pick(config.get("value_template").asText(), state))
                        .as(topic + " template " + config.get("value_template"))
                        .isNotNull();
            }
            assertThat(problems).isEmpty();
            assertThat(viaDevices).hasSize(2).allMatch(deviceIds::contains).allMatch(node::equals);
            assertThat(WireCodec.readTree(last(seen, "homeassistant/binary_sensor/" + node + "/wan_wan1/config"))
                            .get("device_class")
                            .asText())
                    .isEqualTo("connectivity");
            assertThat(state.at("/wans/wan1/up").asText()).isEqualTo("ON");
            assertThat(state.at("/wans/wan-2/up").asText()).isEqualTo("OFF");
            assertThat(state.at("/routers/router-a/master").asText()).isEqualTo("ON");
            assertThat(state.get("problem").asText()).isEqualTo("ON"); // wan-2 is down: degraded

            // Home Assistant's birth message: everything is sent again (live, not retained)
            ha.publish("homeassistant/status", "online".getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            expected.stream().allMatch(t -> seen.get(t).stream().anyMatch(r -> !r.retained())));

            // wan-2 leaves the site's state: its entity gets an empty retained config (Home Assistant deletes it)
            agent.publish("vigil/v1/sites/" + SITE + "/state", state(List.of("wan1")), 1, true);
            String gone = "homeassistant/binary_sensor/" + node + "/wan_wan-2/config";
            await().atMost(Duration.ofSeconds(20)).until(() -> last(seen, gone).isEmpty());
            assertThat(last(seen, "homeassistant/binary_sensor/" + node + "/wan_wan1/config"))
                    .isNotEmpty();

            // the broker forgot the removed config: a fresh subscriber does not get it
            List<String> fresh = new CopyOnWriteArrayList<>();
            MqttClient late = collector.connect("home-assistant-2", "ha", "ha-password-1");
            late.subscribe("homeassistant/#", 1, (t, m) -> fresh.add(t));
            await().atMost(Duration.ofSeconds(10)).until(() -> fresh.size() >= expected.size() - 1);
            assertThat(fresh)
                    .doesNotContain(gone)
                    .contains(expected.stream().filter(t -> !t.equals(gone)).toArray(String[]::new));
            late.disconnect();
            ha.disconnect();
            agent.disconnect();
        }
    }

    private static String last(Map<String, List<Received>> seen, String topic) {
        List<Received> r = seen.get(topic);
        return r == null || r.isEmpty() ? "" : r.get(r.size() - 1).payload();
    }

    private static byte[] state(List<String> wans) {
        Instant now = Instant.now();
        SiteState.VrrpGroupView group = new SiteState.VrrpGroupView(
                "eth0", null, "IPv4", 10, 3, "master", "192.0.2.11", 200, 1000, List.of("192.0.2.1"), now);
        List<SiteState.WanView> views = new ArrayList<>();
        for (String w : wans) {
            views.add(new SiteState.WanView(w, w.equals("wan1") ? "up" : "down", 0.0, 12.5, 1.0, now));
        }
        return Payloads.bytes(new SiteState(
                Protocol.SCHEMA_VERSION,
                SITE,
                now,
                "1.0",
                List.of(
                        new SiteState.RouterView("router-a", "192.0.2.11", true, "master", 200, "7.15", 3.0, 40.0),
                        new SiteState.RouterView("router-b", "192.0.2.12", true, "backup", 100, "7.15", 3.0, 40.0)),
                List.of(group),
                views));
    }
}
