package dev.vigil.collector.audit;

/**
 * Where the collector records who did what (docs/audit.md). Append-only; {@link #record} never throws and never
 * blocks on the store for long: a failure to write is logged and counted.
 */
public interface AuditTrail {
    /** Records nothing: for tests and tools that run without a store. */
    AuditTrail NONE = entry -> {};

    void record(AuditEntry entry);
}
