package dev.vigil.collector.app;

import dev.vigil.collector.configs.ConfigHistory;
import dev.vigil.collector.store.JdbcAuditStore;
import dev.vigil.collector.store.Stores;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes events, metrics and delivery attempts older than the retention, audit entries older than 400 days (none
 * when the retention is 0) and the configuration versions beyond theirs, hourly and once at start, on a worker; never
 * overlaps.
 */
final class Retention {
    static final long PERIOD_MS = Duration.ofHours(1).toMillis();
    /** The audit log's own, longer retention (docs/audit.md). */
    static final Duration AUDIT_RETENTION = Duration.ofDays(400);

    private static final System.Logger LOG = System.getLogger(Retention.class.getName());

    private final Vertx vertx;
    private final Stores stores;
    private final Clock clock;
    private final Duration retention;
    private final ConfigHistory configs;
    private boolean running;

    Retention(Vertx vertx, Stores stores, Clock clock, Duration retention, ConfigHistory configs) {
        this.vertx = vertx;
        this.stores = stores;
        this.clock = clock;
        this.retention = retention;
        this.configs = configs;
    }

    void schedule() {
        vertx.setTimer(10_000, t -> purge());
        vertx.setPeriodic(PERIOD_MS, t -> purge());
    }

    private void purge() {
        if (running) {
            return;
        }
        running = true;
        Instant cutoff = clock.instant().minus(retention);
        vertx.executeBlocking(
                        () -> configs.purge()
                                + (retention.isZero()
                                        ? 0
                                        : stores.events().purgeReceivedBefore(cutoff)
                                                + stores.metrics().purgeBefore(cutoff)
                                                + stores.deliveries().purgeBefore(cutoff)
                                                + new JdbcAuditStore(stores.db())
                                                        .purgeBefore(
                                                                clock.instant().minus(AUDIT_RETENTION))),
                        false)
                .onComplete(ar -> {
                    running = false;
                    if (ar.failed()) {
                        LOG.log(
                                Level.WARNING,
                                "retention purge failed: {0}",
                                ar.cause().getMessage());
                    } else if (ar.result() > 0) {
                        LOG.log(
                                Level.INFO,
                                "retention: deleted {0} rows (events, metrics and deliveries received before {1},"
                                        + " configuration versions beyond their limits)",
                                ar.result(),
                                retention.isZero() ? "-" : cutoff);
                    }
                });
    }
}
