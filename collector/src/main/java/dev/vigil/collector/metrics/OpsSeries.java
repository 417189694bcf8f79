package dev.vigil.collector.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collector's own counters and gauges ({@code ops.Counters}) with HELP lines. The ingest families are always
 * written, at zero before the first message, so that rate queries and dashboards work on a fresh collector.
 */
final class OpsSeries {
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("vigil_ingest_stored_total", "Messages stored, by topic kind (events, state, status, metrics)");
        HELP.put(
                "vigil_ingest_rejected_total", "Messages rejected, by reason (schema, invalid_json, site_mismatch, …)");
        HELP.put("vigil_ingest_duplicates_total", "Events received again and dropped by their id");
        HELP.put("vigil_ingest_store_failures_total", "Messages not stored because the store failed");
        HELP.put("vigil_http_requests_total", "HTTP requests received");
        HELP.put("vigil_mqtt_connects_total", "MQTT connections accepted by the embedded endpoint");
        HELP.put("vigil_mqtt_accepted_total", "MQTT messages accepted by the embedded endpoint");
        HELP.put("vigil_mqtt_refused_total", "MQTT connections or messages refused, by reason");
        HELP.put("vigil_mqtt_protocol_errors_total", "MQTT protocol errors");
        HELP.put("vigil_mqtt_connect_deadline_total", "Connections closed for not sending CONNECT in time");
        HELP.put("vigil_mqtt_subscriptions_refused_total", "Subscriptions refused by the ACL");
        HELP.put("vigil_mqtt_session_store_failures_total", "Persistent session writes that failed");
        HELP.put("vigil_mqtt_sessions", "MQTT sessions held by the embedded endpoint");
        HELP.put("vigil_mqtt_session_queued", "Messages queued for offline persistent sessions");
        HELP.put("vigil_mqtt_retained", "Retained messages held by the embedded endpoint");
    }

    private static final String[] ALWAYS = {
        "vigil_ingest_stored_total{kind=\"events\"}",
        "vigil_ingest_stored_total{kind=\"state\"}",
        "vigil_ingest_stored_total{kind=\"status\"}",
        "vigil_ingest_stored_total{kind=\"metrics\"}",
        "vigil_ingest_duplicates_total",
        "vigil_ingest_store_failures_total"
    };

    private OpsSeries() {}

    static void write(Exposition out, Map<String, Long> counters) {
        Map<String, Map<String, Long>> families = new TreeMap<>();
        for (String always : ALWAYS) {
            families.computeIfAbsent(base(always), k -> new TreeMap<>()).put(always, 0L);
        }
        families.computeIfAbsent("vigil_ingest_rejected_total", k -> new TreeMap<>());
        counters.forEach((name, value) ->
                families.computeIfAbsent(base(name), k -> new TreeMap<>()).put(name, value));
        families.forEach((family, samples) -> {
            String type = family.endsWith("_total") ? "counter" : "gauge";
            out.family(family, type, HELP.getOrDefault(family, "Vigil collector " + type + " " + family));
            samples.forEach(out::raw);
        });
    }

    private static String base(String name) {
        int brace = name.indexOf('{');
        return brace < 0 ? name : name.substring(0, brace);
    }
}
