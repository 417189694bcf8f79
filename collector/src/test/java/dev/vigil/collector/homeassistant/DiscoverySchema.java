package dev.vigil.collector.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of Home Assistant's MQTT discovery schema Vigil uses, as documented (Home Assistant cannot run here):
 * https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery (topic format, device block, origin, availability),
 * https://www.home-assistant.io/integrations/binary_sensor.mqtt/ and https://www.home-assistant.io/integrations/sensor.mqtt/
 * (keys, device classes), https://www.home-assistant.io/integrations/binary_sensor/#device-class and
 * https://www.home-assistant.io/integrations/sensor/#device-class. {@link #problems} lists what a config breaks.
 */
final class DiscoverySchema {
    /** {@code <prefix>/<component>/[<node_id>/]<object_id>/config}, ids {@code [a-zA-Z0-9_-]}. */
    static final Pattern TOPIC =
            Pattern.compile("homeassistant/(binary_sensor|sensor)/(?:([a-zA-Z0-9_-]+)/)?([a-zA-Z0-9_-]+)/config");

    private static final Set<String> BINARY_SENSOR_KEYS = Set.of(
            "name",
            "unique_id",
            "state_topic",
            "value_template",
            "device_class",
            "payload_on",
            "payload_off",
            "availability",
            "availability_mode",
            "device",
            "origin",
            "icon",
            "json_attributes_topic",
            "json_attributes_template",
            "expire_after",
            "object_id",
            "default_entity_id");
    private static final Set<String> SENSOR_KEYS = Set.of(
            "name",
            "unique_id",
            "state_topic",
            "value_template",
            "device_class",
            "unit_of_measurement",
            "state_class",
            "availability",
            "availability_mode",
            "device",
            "origin",
            "icon",
            "json_attributes_topic",
            "json_attributes_template",
            "expire_after",
            "object_id",
            "default_entity_id",
            "suggested_display_precision");
    private static final Set<String> BINARY_DEVICE_CLASSES =
            Set.of("battery", "connectivity", "problem", "running", "power", "plug", "safety", "update", "moving");
    private static final Set<String> SENSOR_DEVICE_CLASSES =
            Set.of("duration", "data_rate", "data_size", "temperature", "power", "signal_strength");
    private static final Set<String> DEVICE_KEYS = Set.of(
            "identifiers",
            "connections",
            "name",
            "manufacturer",
            "model",
            "sw_version",
            "hw_version",
            "via_device",
            "configuration_url",
            "suggested_area");

    private DiscoverySchema() {}

    static List<String> problems(String topic, JsonNode c) {
        List<String> out = new ArrayList<>();
        Matcher m = TOPIC.matcher(topic);
        if (!m.matches()) {
            out.add(topic + ": not a discovery topic of the documented form");
            return out;
        }
        boolean binary = m.group(1).equals("binary_sensor");
        Set<String> allowed = binary ? BINARY_SENSOR_KEYS : SENSOR_KEYS;
        c.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                out.add(topic + ": unknown key " + k);
            }
        });
        for (String required : List.of("state_topic", "unique_id", "name")) {
            if (!c.path(required).isTextual() || c.path(required).asText().isEmpty()) {
                out.add(topic + ": " + required + " must be a non-empty string");
            }
        }
        if (c.has("device_class")
                && !(binary ? BINARY_DEVICE_CLASSES : SENSOR_DEVICE_CLASSES)
                        .contains(c.get("device_class").asText())) {
            out.add(topic + ": device_class " + c.get("device_class") + " is not one of the documented ones");
        }
        if (c.has("state_class")
                && !Set.of("measurement", "total", "total_increasing")
                        .contains(c.get("state_class").asText())) {
            out.add(topic + ": bad state_class");
        }
        JsonNode device = c.path("device");
        if (!device.isObject()) {
            out.add(topic + ": device block missing");
        } else {
            device.fieldNames().forEachRemaining(k -> {
                if (!DEVICE_KEYS.contains(k)) {
                    out.add(topic + ": unknown device key " + k);
                }
            });
            if (!device.path("identifiers").isArray()
                    || device.path("identifiers").isEmpty()) {
                out.add(topic + ": device.identifiers must be a non-empty list (needed with unique_id)");
            }
        }
        JsonNode availability = c.path("availability");
        if (!availability.isArray() || availability.isEmpty()) {
            out.add(topic + ": availability must be a non-empty list");
        } else {
            for (JsonNode a : availability) {
                if (!a.path("topic").isTextual()) {
                    out.add(topic + ": availability entry without topic");
                }
            }
        }
        if (!c.path("origin").path("name").isTextual()) {
            out.add(topic + ": origin.name missing");
        }
        return out;
    }

    /** The value a {@code {{ value_json.a['b'].c }}} template picks from a state message, null when absent. */
    static JsonNode pick(String template, JsonNode state) {
        Matcher m = Pattern.compile("\\{\\{ value_json\\.(.+?) }}").matcher(template);
        if (!m.matches()) {
            return null;
        }
        JsonNode at = state;
        Matcher part = Pattern.compile("\\.?([a-z_]+)|\\['([a-z0-9_-]+)']").matcher(m.group(1));
        while (part.find()) {
            at = at.path(part.group(1) != null ? part.group(1) : part.group(2));
        }
        return at.isMissingNode() ? null : at;
    }
}
