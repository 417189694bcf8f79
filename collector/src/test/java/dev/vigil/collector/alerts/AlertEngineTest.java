package dev.vigil.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine on an in-memory H2 store, a fixed clock and a same-thread executor. */
class AlertEngineTest {
    private final Stores stores = Stores.open("jdbc:h2:mem:alerts" + System.nanoTime(), null, null);
    private final SiteProjection projection = new SiteProjection(v -> {});
    private final List<String> published = new ArrayList<>();
    private final AlertEngine engine = new AlertEngine(
            stores.alerts(),
            projection,
            (changed, retained) -> published.add(changed.rule() + ":" + changed.state() + " retained="
                    + (retained == null ? "none" : retained.rule())),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            "http://vigil.example",
            new Direct());

    @AfterEach
    void close() {
        stores.close();
    }

    private static AlertAction open(String rule, String subject, Severity severity) {
        return new AlertAction.Open(rule, subject, severity, "t", "b");
    }

    @Test
    void open_twiceForTheSameSubject_isOneAlert() {
        engine.apply("s", List.of(open("wan_down", "wan/wan1", Severity.CRITICAL)));
        engine.apply("s", List.of(open("wan_down", "wan/wan1", Severity.CRITICAL)));
        engine.apply("s", List.of(open("wan_down", "wan/wan2", Severity.CRITICAL)));
        assertThat(engine.unresolved("s")).hasSize(2);
        assertThat(stores.alerts().list("open", "s", null, 10)).hasSize(2);
        assertThat(projection.get("s").orElseThrow().alerts()).hasSize(2);
    }

    @Test
    void resolve_lastAlert_clearsTheRetainedMessage() {
        engine.apply("s", List.of(open("wan_down", "wan/wan1", Severity.CRITICAL)));
        engine.apply("s", List.of(new AlertAction.Resolve("wan_down", "wan/wan1", "up")));
        assertThat(published).containsExactly("wan_down:open retained=wan_down", "wan_down:resolved retained=none");
        assertThat(engine.unresolved("s")).isEmpty();
    }

    @Test
    void retained_isTheWorstUnresolvedAlert() {
        engine.apply("s", List.of(open("failover", "g", Severity.WARNING)));
        engine.apply("s", List.of(open("wan_down", "wan/wan1", Severity.CRITICAL)));
        engine.apply("s", List.of(new AlertAction.Resolve("wan_down", "wan/wan1", "up")));
        assertThat(published).last().isEqualTo("wan_down:resolved retained=failover");
    }

    @Test
    void acknowledge_keepsItUnresolved_butConfigMismatchResolves() {
        engine.apply(
                "s", List.of(open("wan_down", "w", Severity.CRITICAL), open("config_mismatch", "g", Severity.WARNING)));
        List<AlertRecord> open = engine.unresolved("s");
        for (AlertRecord a : open) {
            var result = engine.acknowledge(a.id(), "otto");
            assertThat(result).isInstanceOf(AlertEngine.AckResult.Done.class);
        }
        assertThat(engine.unresolved("s")).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("wan_down");
            assertThat(a.state()).isEqualTo("acknowledged");
            assertThat(a.acknowledgedBy()).isEqualTo("otto");
            assertThat(a.link()).isEqualTo("http://vigil.example/#/sites/s");
        });
        String resolvedId = open.stream()
                .filter(a -> a.rule().equals("config_mismatch"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(engine.acknowledge(resolvedId, "otto")).isInstanceOf(AlertEngine.AckResult.AlreadyResolved.class);
        assertThat(engine.acknowledge("nope", "otto")).isInstanceOf(AlertEngine.AckResult.NotFound.class);
    }

    @Test
    void silence_opensSiteOffline_andActivityResolvesIt() {
        engine.apply("s", AlertRules.forSilence("s", Duration.ofSeconds(120)));
        assertThat(engine.unresolved("s"))
                .singleElement()
                .extracting(AlertRecord::rule)
                .isEqualTo("site_offline");
        engine.apply("s", AlertRules.forActivity());
        assertThat(engine.unresolved("s")).isEmpty();
    }

    @Test
    void restore_readsUnresolvedAlertsBack() {
        engine.apply("s", List.of(open("wan_down", "w", Severity.CRITICAL)));
        AlertEngine again =
                new AlertEngine(stores.alerts(), projection, (c, r) -> {}, Clock.systemUTC(), null, new Direct());
        again.restore();
        assertThat(again.unresolved("s")).hasSize(1);
    }

    /** Runs persistence on the calling thread so that tests need not wait. */
    private static final class Direct extends AbstractExecutorService {
        private boolean shut;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
