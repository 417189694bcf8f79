package dev.vigil.collector.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A site's WAN entry follows {@code wan.*} events, not only the retained state message. */
class SiteProjectionWanTest {
    private static final Instant T0 = Instant.parse("2026-11-22T04:00:00Z");

    private final SiteProjection projection = new SiteProjection(v -> {});

    private static SiteState stateWithWan(Instant time, String wanState) {
        return new SiteState(
                Protocol.SCHEMA_VERSION,
                "s",
                time,
                "1.0",
                List.of(),
                List.of(),
                List.of(
                        new SiteState.WanView("wan1", wanState, 0.0, 12.5, 1.0, time),
                        new SiteState.WanView("wan2", "up", 0.0, 20.0, 2.0, time)));
    }

    private static Event wanEvent(String type, Instant time, Double loss) {
        Event e = Payloads.event(
                "s", type, Severity.CRITICAL, "wan/wan1", Json.object().put("wan", "wan1"));
        if (loss != null) {
            e.data().put("loss_pct", loss);
        }
        return new Event(e.v(), e.id(), e.site(), e.seq(), time, e.type(), e.severity(), e.subject(), e.data());
    }

    private SiteState.WanView wan1() {
        return projection.get("s").orElseThrow().state().wans().stream()
                .filter(w -> w.name().equals("wan1"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void wanDownEvent_afterStateSaidUp_marksTheWanDownAndKeepsUnsentFigures() {
        projection.onState(stateWithWan(T0, "up"), T0);
        projection.onEvent(wanEvent("wan.down", T0.plusSeconds(5), 100.0), T0.plusSeconds(5));
        assertThat(wan1().state()).isEqualTo("down");
        assertThat(wan1().lossPct()).isEqualTo(100.0);
        assertThat(wan1().rttMs()).isEqualTo(12.5);
        assertThat(wan1().since()).isEqualTo(T0.plusSeconds(5));
        assertThat(projection.get("s").orElseThrow().statusKind()).isEqualTo(SiteStatusKind.DEGRADED);
    }

    @Test
    void wanUpEvent_afterDown_marksTheWanUpAgain() {
        projection.onState(stateWithWan(T0, "up"), T0);
        projection.onEvent(wanEvent("wan.down", T0.plusSeconds(5), 100.0), T0.plusSeconds(5));
        projection.onEvent(wanEvent("wan.up", T0.plusSeconds(9), 0.0), T0.plusSeconds(9));
        assertThat(wan1().state()).isEqualTo("up");
        assertThat(projection.get("s").orElseThrow().statusKind()).isEqualTo(SiteStatusKind.OK);
    }

    @Test
    void wanEvent_olderThanTheState_changesNothing() {
        projection.onState(stateWithWan(T0, "up"), T0);
        projection.onEvent(wanEvent("wan.degraded", T0.minusSeconds(5), 30.0), T0);
        assertThat(wan1().state()).isEqualTo("up");
        assertThat(wan1().lossPct()).isEqualTo(0.0);
    }

    @Test
    void wanDegradedEvent_beforeAnyState_showsAsTheWansLatestEntry() {
        projection.onEvent(wanEvent("wan.degraded", T0, 30.0), T0);
        SiteView v = projection.get("s").orElseThrow();
        assertThat(v.state()).isNull();
        assertThat(v.latestWans().get("wan1").state()).isEqualTo("degraded");
        assertThat(v.latestWans().get("wan1").lossPct()).isEqualTo(30.0);
    }

    @Test
    void otherEvent_leavesWansAlone() {
        projection.onState(stateWithWan(T0, "up"), T0);
        projection.onEvent(
                Payloads.event("s", "agent.started", Severity.INFO, "agent", Json.object()), T0.plusSeconds(1));
        assertThat(wan1().state()).isEqualTo("up");
    }
}
