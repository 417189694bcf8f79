package dev.vigil.collector.configs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.store.EventPage;
import dev.vigil.collector.store.EventQuery;
import dev.vigil.collector.store.EventStore;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of one export as stored in the events table: whichever collector committed them, and across restarts. The
 * parts of an export (an agent gives them all the same time) are looked for within 15 minutes of the event time of the
 * part that was just stored.
 */
final class ExportParts {
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final EventStore events;

    ExportParts(EventStore events) {
        this.events = events;
    }

    /** The {@code data} of every stored part of the export (duplicates included). */
    List<JsonNode> of(PartRef ref) {
        List<JsonNode> out = new ArrayList<>();
        String before = null;
        do {
            EventPage page = events.find(new EventQuery(
                    ref.site(),
                    ref.time().minus(WINDOW),
                    ref.time().plus(WINDOW),
                    EventTypes.CONFIG_EXPORTED,
                    EventQuery.MAX_LIMIT,
                    before));
            for (String json : page.eventsJson()) {
                if (!json.contains(ref.exportId())) {
                    continue; // another export: not worth parsing its chunk
                }
                JsonNode data = WireCodec.readTree(json).path("data");
                if (ref.exportId().equals(data.path("export_id").asText())) {
                    out.add(data);
                }
            }
            before = page.next();
        } while (before != null);
        return out;
    }

    /** True when every part from 1 to the {@code parts} of the first is there. */
    static boolean complete(List<JsonNode> parts) {
        if (parts.isEmpty()) {
            return false;
        }
        int count = parts.get(0).path("parts").asInt(0);
        Set<Integer> seen = new HashSet<>();
        for (JsonNode p : parts) {
            int index = p.path("part").asInt(0);
            if (index >= 1 && index <= count) {
                seen.add(index);
            }
        }
        return count >= 1 && seen.size() == count;
    }
}
