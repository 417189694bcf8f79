package dev.vigil.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.SteppingClock;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flapping and long failovers in the engine, on a fake clock. */
class FlappingTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final Stores stores = Stores.open("jdbc:h2:mem:flap" + System.nanoTime(), null, null);
    private final SiteProjection projection = new SiteProjection(v -> {});
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final ExecutorService persist = Executors.newSingleThreadExecutor();
    private final AlertEngine engine = new AlertEngine(
            stores.alerts(),
            projection,
            (changed, retained) -> changes.add(changed.rule() + ":" + changed.state()),
            clock,
            null,
            persist);

    @AfterEach
    void close() {
        engine.close();
        stores.close();
    }

    private void event(String type, String subject, com.fasterxml.jackson.databind.node.ObjectNode data) {
        engine.apply(
                "s",
                AlertRules.forEvent(Payloads.event("s", type, Severity.INFO, subject, data), projection::usualMaster));
    }

    private void wan(boolean up) {
        event(up ? "wan.up" : "wan.down", "wan/wan1", Json.object().put("wan", "wan1"));
        clock.advance(Duration.ofSeconds(1));
    }

    private List<String> unresolvedRules() {
        return engine.unresolved("s").stream().map(AlertRecord::rule).sorted().toList();
    }

    @Test
    void wan_moreThanFourChangesInTenMinutes_opensOneFlappingAlertBeforeTheFifthChange() {
        for (int i = 0; i < 12; i++) {
            wan(i % 2 == 1);
        }
        engine.close();
        assertThat(changes.stream().filter(c -> c.equals("flapping:open"))).hasSize(1);
        assertThat(changes.indexOf("flapping:open")).isEqualTo(4); // before the 5th change's own alert
        // the 12th change was an up: only the flapping alert is left
        assertThat(unresolvedRules()).containsExactly("flapping");
    }

    @Test
    void wan_fourChanges_isNotFlapping() {
        for (int i = 0; i < 4; i++) {
            wan(i % 2 == 1);
        }
        clock.advance(Duration.ofMinutes(10));
        wan(false); // the first two changes are out of the window now
        assertThat(unresolvedRules()).containsExactly("wan_down");
    }

    @Test
    void flapping_calmForTheWindow_isResolvedByTick() {
        for (int i = 0; i < 6; i++) {
            wan(i % 2 == 1);
        }
        clock.advance(Duration.ofMinutes(9));
        engine.tick();
        assertThat(unresolvedRules()).containsExactly("flapping");
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(unresolvedRules()).isEmpty();
    }

    @Test
    void failover_longerThanGrace_opensPreferredNotMasterUntilTheUsualMasterIsBack() {
        projection.learnUsualMaster("s", "vrrp/eth0/IPv4/10", "192.0.2.11");
        event(
                "vrrp.master_changed",
                "vrrp/eth0/IPv4/10",
                Json.object().put("master", "192.0.2.12").put("previous", "192.0.2.11"));
        clock.advance(AlertEngine.PREFERRED_MASTER_GRACE.minusSeconds(1));
        engine.tick();
        assertThat(unresolvedRules()).containsExactly("failover");
        clock.advance(Duration.ofSeconds(1));
        engine.tick();
        engine.tick();
        assertThat(unresolvedRules()).containsExactly("failover", "preferred_not_master");
        assertThat(engine.unresolved("s").get(0).body())
                .isEqualTo("The usual master 192.0.2.11 has not been master for 30 min.");

        event("vrrp.master_changed", "vrrp/eth0/IPv4/10", Json.object().put("master", "192.0.2.11"));
        assertThat(unresolvedRules()).isEmpty();
    }
}
