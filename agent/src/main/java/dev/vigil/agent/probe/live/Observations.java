package dev.vigil.agent.probe.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.probe.CheckConfig;
import dev.vigil.agent.probe.track.LinkState;
import dev.vigil.agent.probe.track.TargetResult;
import dev.vigil.agent.probe.track.Transition;
import dev.vigil.agent.probe.track.WindowStats;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.time.Duration;
import java.time.Instant;

/** Builds the {@code wan.*} and {@code check.*} observations of {@code docs/events.md}. */
final class Observations {
    private Observations() {}

    /** The observation for a WAN transition, or null for one that is not reported (none today). */
    static Observation wan(Transition t) {
        String type;
        Severity severity;
        switch (t.state()) {
            case DOWN -> {
                type = "wan.down";
                severity = Severity.CRITICAL;
            }
            case DEGRADED -> {
                type = "wan.degraded";
                severity = Severity.WARNING;
            }
            case UP -> {
                type = "wan.up";
                severity = Severity.INFO;
            }
            default -> {
                return null;
            }
        }
        ObjectNode data = Json.object();
        data.put("wan", t.name());
        data.put("state", t.state().wireName());
        data.put("previous", t.previous().wireName());
        figures(data, t.stats());
        data.put("reason", t.reason());
        ArrayNode targets = data.putArray("targets");
        for (TargetResult r : t.lastRound()) {
            ObjectNode target = targets.addObject()
                    .put("target", r.target())
                    .put("ok", r.result().ok());
            if (!r.result().ok()) {
                target.put("error", r.result().error());
            }
        }
        if (t.downFor() != null && t.previous() == LinkState.DOWN) {
            data.put("down_for_ms", t.downFor().toMillis());
        }
        return new Observation(t.time(), type, severity, "wan/" + t.name(), data);
    }

    static void figures(ObjectNode data, WindowStats stats) {
        data.put("loss_pct", Math.round(stats.lossPct() * 10) / 10.0);
        if (stats.rttMs() != null) {
            data.put("rtt_ms", stats.rttMs());
            data.put("rtt_p95_ms", stats.rttP95Ms());
        }
        if (stats.jitterMs() != null) {
            data.put("jitter_ms", stats.jitterMs());
        }
    }

    static Observation checkFailed(CheckConfig check, Instant time, String error, Duration failingFor) {
        ObjectNode data = Json.object();
        data.put("check", check.name());
        data.put("kind", check.probe().method().wireName());
        data.put("target", check.target());
        data.put("error", error);
        data.put("duration_ms", failingFor.toMillis());
        return new Observation(time, "check.failed", Severity.WARNING, "check/" + check.name(), data);
    }

    static Observation checkRecovered(CheckConfig check, Instant time, Duration failedFor) {
        ObjectNode data = Json.object();
        data.put("check", check.name());
        data.put("kind", check.probe().method().wireName());
        data.put("target", check.target());
        data.put("duration_ms", failedFor.toMillis());
        return new Observation(time, "check.recovered", Severity.INFO, "check/" + check.name(), data);
    }
}
