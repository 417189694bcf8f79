package dev.vigil.collector.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteState.WanView;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code wan.down}/{@code wan.up}/{@code wan.degraded} event says about a WAN (data keys of docs/events.md:
 * {@code wan}, {@code state}, {@code loss_pct}, {@code rtt_ms}, {@code jitter_ms}), so that the site's WAN entry does
 * not wait for the next retained {@code state} message.
 */
final class WanEvents {
    /** The new WAN entry; its {@code since} is the time of the event. */
    record Change(WanView wan) {}

    private WanEvents() {}

    /** The change an event makes, null for events that are not about a WAN's state. */
    static Change of(Event e) {
        String state = switch (e.type()) {
            case EventTypes.WAN_DOWN -> "down";
            case EventTypes.WAN_UP -> "up";
            case EventTypes.WAN_DEGRADED -> "degraded";
            default -> null;
        };
        ObjectNode d = e.data();
        String name = d.hasNonNull("wan")
                ? d.get("wan").asText()
                : e.subject().startsWith("wan/") ? e.subject().substring(4) : null;
        if (state == null || name == null || name.isEmpty()) {
            return null;
        }
        if (d.hasNonNull("state") && !d.get("state").asText().isBlank()) {
            state = d.get("state").asText();
        }
        return new Change(
                new WanView(name, state, number(d, "loss_pct"), number(d, "rtt_ms"), number(d, "jitter_ms"), e.time()));
    }

    /**
     * The state with that WAN replaced (or added), unless the state is newer than the event (the retained state
     * then already includes it). Figures the event lacks keep their previous values.
     */
    static SiteState apply(SiteState state, Change change) {
        WanView next = change.wan();
        if (state.time() != null && state.time().isAfter(next.since())) {
            return state;
        }
        List<WanView> wans = new ArrayList<>();
        boolean found = false;
        for (WanView w : state.wans()) {
            if (w.name().equals(next.name())) {
                wans.add(merge(next, w));
                found = true;
            } else {
                wans.add(w);
            }
        }
        if (!found) {
            wans.add(next);
        }
        return new SiteState(
                state.v(), state.site(), state.time(), state.agentVersion(), state.routers(), state.vrrp(), wans);
    }

    /** For a site without a state message yet: the WAN as a metrics entry. */
    static WanMetric asMetric(WanView w, WanMetric previous) {
        return new WanMetric(
                w.name(),
                w.state(),
                w.lossPct() != null ? w.lossPct() : previous == null ? null : previous.lossPct(),
                w.rttMs() != null ? w.rttMs() : previous == null ? null : previous.rttMs(),
                previous == null ? null : previous.rttP95Ms(),
                w.jitterMs() != null ? w.jitterMs() : previous == null ? null : previous.jitterMs());
    }

    private static WanView merge(WanView next, WanView previous) {
        boolean sameState = next.state().equals(previous.state());
        return new WanView(
                next.name(),
                next.state(),
                next.lossPct() != null ? next.lossPct() : previous.lossPct(),
                next.rttMs() != null ? next.rttMs() : previous.rttMs(),
                next.jitterMs() != null ? next.jitterMs() : previous.jitterMs(),
                sameState && previous.since() != null ? previous.since() : next.since());
    }

    private static Double number(ObjectNode d, String key) {
        JsonNode n = d.get(key);
        return n != null && n.isNumber() ? n.asDouble() : null;
    }
}
