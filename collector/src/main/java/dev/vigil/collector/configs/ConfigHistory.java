package dev.vigil.collector.configs;

import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.ingest.StoredEventListener;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.Database;
import dev.vigil.collector.store.EventStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Router configuration history (docs/config-history.md): the listener that stores versions from {@code
 * config.exported} events, the retention and the API module. Its work runs on the thread {@code vigil-configs}.
 */
public final class ConfigHistory implements AutoCloseable {
    /** How long the id of a finished export is remembered, so that a redelivered part changes nothing. */
    static final Duration REMEMBER_EXPORTS = Duration.ofDays(7);

    private static final long SWEEP_SECONDS = 5;

    private final ScheduledExecutorService worker;
    private final ConfigStore store;
    private final ConfigIngest ingest;
    private final ConfigRetention retention;
    private final Clock clock;

    private ConfigHistory(Database db, EventStore events, Counters counters, Clock clock, ConfigRetention retention) {
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-configs");
            t.setDaemon(true);
            return t;
        });
        this.store = new ConfigStore(db);
        this.retention = retention;
        this.clock = clock;
        this.ingest = new ConfigIngest(worker, new ExportParts(events), store, retention, counters, clock);
    }

    public static ConfigHistory start(
            Database db, EventStore events, Counters counters, Clock clock, ConfigRetention retention) {
        ConfigHistory history = new ConfigHistory(db, events, counters, clock, retention);
        history.worker.scheduleWithFixedDelay(history.ingest::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        return history;
    }

    /** For {@code CollectorApp}'s after-commit listeners. */
    public StoredEventListener listener() {
        return ingest;
    }

    /** The read-only routes; {@code knownSite} tells whether a site exists. */
    public ApiModule api(Vertx vertx, Predicate<String> knownSite) {
        return new ConfigRoutes(vertx, store, knownSite);
    }

    /** Applies the retention to every router and forgets old export ids. Blocking; returns the rows deleted. */
    public int purge() {
        Instant now = clock.instant();
        return store.purge(retention, null, null, now) + store.forgetExportsBefore(now.minus(REMEMBER_EXPORTS));
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
