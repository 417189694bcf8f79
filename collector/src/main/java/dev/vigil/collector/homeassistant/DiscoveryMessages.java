package dev.vigil.collector.homeassistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.state.SiteStatusKind;
import dev.vigil.collector.state.SiteView;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The retained messages of one site for Home Assistant MQTT discovery (docs/home-assistant.md): the discovery configs
 * under the discovery prefix, and the site's state and availability under the Vigil prefix. Pure: a site view in,
 * topic → payload out.
 */
final class DiscoveryMessages {
    static final String ORIGIN = "Vigil";

    private final String discoveryPrefix;
    private final String topicPrefix;

    DiscoveryMessages(String discoveryPrefix, String topicPrefix) {
        this.discoveryPrefix = discoveryPrefix;
        this.topicPrefix = topicPrefix;
    }

    String availabilityTopic(String site) {
        return topicPrefix + "/ha/" + site + "/availability";
    }

    String stateTopic(String site) {
        return topicPrefix + "/ha/" + site + "/state";
    }

    /** Discovery config topic → JSON, for every entity of the site. */
    Map<String, String> configs(SiteView v) {
        String site = v.site();
        String node = "vigil_" + ObjectIds.of(site);
        String siteDevice = node;
        Map<String, String> out = new TreeMap<>();
        ObjectNode problem = entity(v, node + "_problem", "Problem", siteDevice(v, siteDevice))
                .put("device_class", "problem")
                .put("value_template", "{{ value_json.problem }}");
        problem.put("json_attributes_topic", stateTopic(site))
                .put("json_attributes_template", "{{ {'status': value_json.status} | tojson }}");
        out.put(topic("binary_sensor", node, "problem"), problem.toString());
        for (String wan : wans(v)) {
            String w = ObjectIds.of(wan);
            String base = "value_json.wans['" + w + "']";
            out.put(
                    topic("binary_sensor", node, "wan_" + w),
                    entity(v, node + "_wan_" + w, "WAN " + wan, siteDevice(v, siteDevice))
                            .put("device_class", "connectivity")
                            .put("value_template", "{{ " + base + ".up }}")
                            .toString());
            out.put(
                    topic("sensor", node, "wan_" + w + "_rtt"),
                    entity(v, node + "_wan_" + w + "_rtt", "WAN " + wan + " RTT", siteDevice(v, siteDevice))
                            .put("device_class", "duration")
                            .put("unit_of_measurement", "ms")
                            .put("state_class", "measurement")
                            .put("value_template", "{{ " + base + ".rtt_ms }}")
                            .toString());
            out.put(
                    topic("sensor", node, "wan_" + w + "_loss"),
                    entity(v, node + "_wan_" + w + "_loss", "WAN " + wan + " loss", siteDevice(v, siteDevice))
                            .put("unit_of_measurement", "%")
                            .put("state_class", "measurement")
                            .put("icon", "mdi:lan-disconnect")
                            .put("value_template", "{{ " + base + ".loss_pct }}")
                            .toString());
        }
        for (SiteState.RouterView r : routers(v)) {
            String id = ObjectIds.of(r.name());
            ObjectNode device = Json.object();
            device.putArray("identifiers").add(node + "_router_" + id);
            device.put("name", site + " " + r.name())
                    .put("manufacturer", "MikroTik")
                    .put("model", "RouterOS router")
                    .put("via_device", siteDevice);
            if (r.version() != null) {
                device.put("sw_version", r.version());
            }
            out.put(
                    topic("binary_sensor", node, "router_" + id + "_master"),
                    entity(v, node + "_router_" + id + "_master", "VRRP master", device)
                            .put("icon", "mdi:router-network")
                            .put("value_template", "{{ value_json.routers['" + id + "'].master }}")
                            .toString());
        }
        return out;
    }

    /** The site's state message: ON/OFF per binary sensor, figures per WAN, keyed by object id. */
    String state(SiteView v) {
        ObjectNode s = Json.object();
        SiteStatusKind kind = v.statusKind();
        s.put("status", kind.wireName());
        s.put("problem", kind == SiteStatusKind.OK ? "OFF" : "ON");
        ObjectNode wans = s.putObject("wans");
        Map<String, WanMetric> metrics = v.latestWans();
        Map<String, SiteState.WanView> views = new LinkedHashMap<>();
        if (v.state() != null) {
            v.state().wans().forEach(w -> views.put(w.name(), w));
        }
        for (String wan : wans(v)) {
            SiteState.WanView view = views.get(wan);
            WanMetric metric = metrics.get(wan);
            String state = view != null ? view.state() : metric.state();
            ObjectNode w = wans.putObject(ObjectIds.of(wan));
            w.put("up", "up".equals(state) || "degraded".equals(state) ? "ON" : "OFF");
            Double rtt = metric != null && metric.rttMs() != null ? metric.rttMs() : view == null ? null : view.rttMs();
            Double loss = metric != null && metric.lossPct() != null
                    ? metric.lossPct()
                    : view == null ? null : view.lossPct();
            if (rtt != null) {
                w.put("rtt_ms", rtt);
            }
            if (loss != null) {
                w.put("loss_pct", loss);
            }
        }
        ObjectNode routers = s.putObject("routers");
        for (SiteState.RouterView r : routers(v)) {
            boolean master = "master".equals(r.role())
                    || v.state().vrrp().stream()
                            .anyMatch(g -> r.address() != null && r.address().equals(g.master()));
            routers.putObject(ObjectIds.of(r.name())).put("master", master ? "ON" : "OFF");
        }
        return s.toString();
    }

    /** {@code online} while the site's agent is connected and not silent. */
    static String availability(SiteView v) {
        return Boolean.TRUE.equals(v.online()) && !v.silent() ? "online" : "offline";
    }

    private ObjectNode entity(SiteView v, String uniqueId, String name, ObjectNode device) {
        ObjectNode e = Json.object();
        e.put("name", name).put("unique_id", uniqueId).put("state_topic", stateTopic(v.site()));
        ArrayNode availability = e.putArray("availability");
        availability
                .addObject()
                .put("topic", availabilityTopic(v.site()))
                .put("payload_available", "online")
                .put("payload_not_available", "offline");
        e.set("device", device);
        e.putObject("origin").put("name", ORIGIN);
        return e;
    }

    private static ObjectNode siteDevice(SiteView v, String id) {
        ObjectNode d = Json.object();
        d.putArray("identifiers").add(id);
        d.put("name", v.site()).put("manufacturer", "Vigil").put("model", "VRRP site");
        if (v.status() != null && v.status().agentVersion() != null) {
            d.put("sw_version", v.status().agentVersion());
        }
        return d;
    }

    private String topic(String component, String node, String object) {
        return discoveryPrefix + "/" + component + "/" + node + "/" + object + "/config";
    }

    private static TreeSet<String> wans(SiteView v) {
        TreeSet<String> names = new TreeSet<>(v.latestWans().keySet());
        if (v.state() != null) {
            v.state().wans().forEach(w -> names.add(w.name()));
        }
        return names;
    }

    private static java.util.List<SiteState.RouterView> routers(SiteView v) {
        return v.state() == null ? java.util.List.of() : v.state().routers();
    }
}
