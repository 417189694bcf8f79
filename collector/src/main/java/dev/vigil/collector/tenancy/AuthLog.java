package dev.vigil.collector.tenancy;

import dev.vigil.collector.audit.AuditTrail;
import dev.vigil.collector.auth.PasswordHasher;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.store.TenancyStore.AuthEventRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/**
 * The authentication log: lockouts and their lifting, password changes and resets, users and tokens created or
 * removed. Never a password, token or secret. Blocking (a store write); a failed write is logged, not thrown, so that
 * a store outage does not turn a refused login into a 500.
 */
public final class AuthLog {
    private static final System.Logger LOG = System.getLogger(AuthLog.class.getName());

    private final TenancyStore store;
    private final Clock clock;
    private final AuditTrail audit;

    public AuthLog(TenancyStore store, Clock clock) {
        this(store, clock, AuditTrail.NONE);
    }

    /** Every line is also written to the audit trail (docs/audit.md) under its audit kind. */
    public AuthLog(TenancyStore store, Clock clock, AuditTrail audit) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    /** The collector's audit trail, for the account routes' own lines. */
    public AuditTrail audit() {
        return audit;
    }

    /** @param source the client address, or null; @param actor the user who did it, or null */
    public void record(String kind, String subject, String source, String actor) {
        String id = clock.millis() + "-" + PasswordHasher.newSecret().substring(0, 8);
        try {
            store.recordAuthEvent(new AuthEventRecord(id, clock.instant(), kind, subject, source, actor));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record the authentication event {0} for {1}: {2}", kind, subject, e);
        }
        LOG.log(
                Level.INFO,
                "auth: {0} {1}{2}{3}",
                kind,
                subject,
                source == null ? "" : " from " + source,
                actor == null ? "" : " by " + actor);
        audit.record(AuthAudit.entry(kind, subject, source, actor));
    }

    public List<AuthEventRecord> recent(int limit) {
        return store.authEvents(limit);
    }
}
