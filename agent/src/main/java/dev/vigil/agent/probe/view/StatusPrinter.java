package dev.vigil.agent.probe.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.probe.WanStatus;
import dev.vigil.agent.probe.track.TargetResult;
import dev.vigil.agent.probe.track.WindowStats;
import dev.vigil.protocol.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the live state of WANs and checks for {@code vigil-agent probe}: a table for people, or JSON lines
 * ({@code type}, {@code wan}, {@code state}, {@code loss_pct}, {@code rtt_ms}, {@code jitter_ms}, {@code time}) and
 * state-change events for programs. A target's error is printed once when it appears or changes, not every second.
 */
public final class StatusPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final boolean json;
    private final Map<String, String> shownErrors = new HashMap<>();

    public StatusPrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public synchronized void status(WanStatus s, Instant now) {
        if (json) {
            ObjectNode line = Json.object();
            line.put("type", s.kind());
            line.put(s.kind(), s.name());
            line.put("state", s.state());
            putFigures(line, s.stats());
            line.put("time", now.toString());
            for (TargetResult r : s.lastRound()) {
                line.withArray("targets")
                        .addObject()
                        .put("target", r.target())
                        .put("ok", r.result().ok());
            }
            out.println(write(line));
        } else {
            WindowStats st = s.stats();
            out.println(String.format(
                    Locale.ROOT,
                    "%s  %-5s %-12s %-9s loss %5.1f %%  rtt %s  p95 %s  jitter %s",
                    CLOCK.format(now),
                    s.kind(),
                    s.name(),
                    s.state(),
                    st.lossPct(),
                    ms(st.rttMs()),
                    ms(st.rttP95Ms()),
                    ms(st.jitterMs())));
        }
        for (TargetResult r : s.lastRound()) {
            String key = s.name() + "/" + r.target();
            String error = r.result().ok() ? null : r.result().error();
            if (error != null && !error.equals(shownErrors.get(key))) {
                problem(s, r.target(), error, now);
            }
            if (error == null) {
                shownErrors.remove(key);
            } else {
                shownErrors.put(key, error);
            }
        }
        out.flush();
    }

    public synchronized void event(Observation o) {
        if (json) {
            ObjectNode line = Json.object();
            line.put("type", o.type());
            line.put("severity", o.severity().wireName());
            line.put("subject", o.subject());
            line.setAll(o.data());
            line.put("time", o.time().toString());
            out.println(write(line));
        } else {
            String reason = o.data().has("reason")
                    ? o.data().get("reason").asText()
                    : o.data().has("error") ? o.data().get("error").asText() : "";
            out.println(CLOCK.format(o.time()) + "  EVENT " + o.type() + " " + o.subject()
                    + (reason.isEmpty() ? "" : ": " + reason));
        }
        out.flush();
    }

    private void problem(WanStatus s, String target, String error, Instant now) {
        if (json) {
            ObjectNode line = Json.object()
                    .put("type", "probe_error")
                    .put(s.kind(), s.name())
                    .put("target", target)
                    .put("error", error)
                    .put("time", now.toString());
            out.println(write(line));
        } else {
            out.println(CLOCK.format(now) + "  ! " + s.name() + " " + target + ": " + error);
        }
    }

    private static void putFigures(ObjectNode line, WindowStats st) {
        line.put("loss_pct", Math.round(st.lossPct() * 10) / 10.0);
        if (st.rttMs() != null) {
            line.put("rtt_ms", st.rttMs());
            line.put("rtt_p95_ms", st.rttP95Ms());
        } else {
            line.putNull("rtt_ms");
        }
        if (st.jitterMs() != null) {
            line.put("jitter_ms", st.jitterMs());
        } else {
            line.putNull("jitter_ms");
        }
    }

    private static String ms(Double value) {
        return value == null ? "    -   " : String.format(Locale.ROOT, "%5.1f ms", value);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
