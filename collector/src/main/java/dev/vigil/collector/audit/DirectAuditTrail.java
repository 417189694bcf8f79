package dev.vigil.collector.audit;

import dev.vigil.collector.store.JdbcAuditStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The audit trail for the command line tools: each line written at once, in the caller's thread (a tool runs one
 * change and exits, there is nothing to hold up). Never throws: a failed write is reported on the log.
 */
public final class DirectAuditTrail implements AuditTrail {
    private static final System.Logger LOG = System.getLogger(DirectAuditTrail.class.getName());

    private final JdbcAuditStore store;
    private final Function<AuditEntry, String> customerOf;
    private final Clock clock;

    public DirectAuditTrail(JdbcAuditStore store, Function<AuditEntry, String> customerOf, Clock clock) {
        this.store = store;
        this.customerOf = customerOf;
        this.clock = clock;
    }

    @Override
    public void record(AuditEntry entry) {
        try {
            store.append(List.of(
                    AuditRecords.of(entry, clock.instant(), AuditWriter.randomTail(), customerOf.apply(entry))));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "cannot write a {0} audit entry: {1}",
                    entry == null ? "?" : entry.kind(),
                    e.getMessage());
        }
    }
}
