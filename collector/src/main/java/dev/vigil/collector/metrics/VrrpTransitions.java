package dev.vigil.collector.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.WireCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the VRRP master transitions of every group from the stored events the live feed carries (the feed only
 * carries events once they are committed, and never duplicates). Counts start at zero when the collector starts, as
 * Prometheus counters may.
 */
final class VrrpTransitions {
    /** The event types that change who is master of a group (docs/events.md). */
    private static final java.util.Set<String> TRANSITIONS = java.util.Set.of(
            EventTypes.VRRP_MASTER_ELECTED, EventTypes.VRRP_MASTER_CHANGED, EventTypes.VRRP_MASTER_LOST);

    /** Key: site, then the group subject {@code vrrp/{interface}/{family}/{vrid}}. */
    record Group(String site, String subject) {}

    private final Map<Group, LongAdder> counts = new ConcurrentHashMap<>();

    void subscribe(LiveUpdates live) {
        live.subscribe((name, json) -> {
            // cheap test first: most events are not VRRP transitions and need no parsing
            if ("event".equals(name) && json.contains("vrrp.master_")) {
                count(json);
            }
        });
    }

    void count(String eventJson) {
        JsonNode e;
        try {
            e = WireCodec.readTree(eventJson);
        } catch (RuntimeException notJson) {
            return; // the feed only carries validated events; nothing to count otherwise
        }
        if (TRANSITIONS.contains(e.path("type").asText())) {
            counts.computeIfAbsent(
                            new Group(e.path("site").asText(), e.path("subject").asText()), g -> new LongAdder())
                    .increment();
        }
    }

    Map<Group, Long> snapshot() {
        Map<Group, Long> out = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Group::site).thenComparing(Group::subject));
        counts.forEach((g, n) -> out.put(g, n.sum()));
        return out;
    }
}
