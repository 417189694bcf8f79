package dev.vigil.collector.alerts;

import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.collector.store.AlertStore;
import dev.vigil.protocol.EventIds;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Applies rule decisions: one unresolved alert per site + rule + subject, acknowledged by users, resolved by clearing
 * events. Changes are decided in memory at once, then stored and handed to the sink in order on one thread.
 */
public final class AlertEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AlertEngine.class.getName());

    private final AlertStore store;
    private final SiteProjection projection;
    private final AlertSink sink;
    private final Clock clock;
    private final String linkBase;
    private final ExecutorService persist;
    private final EventIds ids;
    private final Map<String, AlertRecord> unresolved = new HashMap<>();
    private final FlapGuard flaps = new FlapGuard();

    /** How long a group may run on a master other than its usual one before that is an alert of its own. */
    public static final Duration PREFERRED_MASTER_GRACE = Duration.ofMinutes(30);

    /** Outcome of an acknowledgement. */
    public sealed interface AckResult {
        record Done(AlertRecord alert) implements AckResult {}

        record NotFound() implements AckResult {}

        record AlreadyResolved(AlertRecord alert) implements AckResult {}
    }

    public AlertEngine(
            AlertStore store,
            SiteProjection projection,
            AlertSink sink,
            Clock clock,
            String linkBase,
            ExecutorService persist) {
        this.store = store;
        this.projection = projection;
        this.sink = sink;
        this.clock = clock;
        this.linkBase = linkBase;
        this.persist = persist;
        this.ids = new EventIds(clock);
    }

    /** At start-up: the alerts not resolved yet, from the store (blocking). */
    public synchronized void restore() {
        for (AlertRecord a : store.list(AlertRecord.OPEN, null, null, 100_000)) {
            unresolved.put(a.key(), a);
        }
        for (AlertRecord a : store.list(AlertRecord.ACKNOWLEDGED, null, null, 100_000)) {
            unresolved.put(a.key(), a);
        }
        unresolved.values().stream().map(AlertRecord::site).distinct().forEach(this::pushToProjection);
    }

    public void apply(String site, List<AlertAction> actions) {
        synchronized (this) {
            List<AlertRecord> changed = decide(site, actions);
            if (changed.isEmpty()) {
                return;
            }
            AlertRecord retained = retainedFor(site);
            persist.execute(() -> store(changed, retained));
        }
    }

    /**
     * Decides what the actions change and shows it in the projection, without storing or announcing it: for a caller
     * that stores the changes in a transaction of its own, then calls {@link #announce}.
     */
    public List<AlertRecord> decide(String site, List<AlertAction> decided) {
        List<AlertRecord> changed = new ArrayList<>();
        synchronized (this) {
            List<AlertAction> actions = flaps.screen(site, decided, clock.instant());
            // the store keeps milliseconds: so must memory, or collectors reading the store show other times
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            for (AlertAction action : actions) {
                String key = site + "\n" + action.rule() + "\n" + action.subject();
                AlertRecord current = unresolved.get(key);
                if (action instanceof AlertAction.Open open) {
                    if (current != null && current.body().equals(open.body())) {
                        continue; // the same news again: nothing to store or tell anyone
                    }
                    AlertRecord next = current == null
                            ? new AlertRecord(
                                    ids.next(),
                                    site,
                                    open.rule(),
                                    open.subject(),
                                    open.severity(),
                                    AlertRecord.OPEN,
                                    open.title(),
                                    open.body(),
                                    link(site),
                                    now,
                                    now,
                                    null)
                            : current.with(current.state(), open.body(), now, current.acknowledgedBy());
                    unresolved.put(key, next);
                    changed.add(next);
                } else if (current != null) {
                    unresolved.remove(key);
                    changed.add(current.with(AlertRecord.RESOLVED, current.body(), now, current.acknowledgedBy()));
                }
            }
            if (!changed.isEmpty()) {
                pushToProjection(site);
            }
        }
        return changed;
    }

    /**
     * Hands stored changes to the sink, in order, each with what is retained for its site now — on the alerts'
     * thread, as {@link #apply} does: notifying (channels, webhook, MQTT) never holds up the caller.
     */
    public void announce(List<AlertRecord> changed) {
        List<AlertRecord[]> told = new ArrayList<>();
        synchronized (this) {
            for (AlertRecord a : changed) {
                told.add(new AlertRecord[] {a, retainedFor(a.site())});
            }
        }
        try {
            persist.execute(() -> told.forEach(t -> {
                try {
                    sink.changed(t[0], t[1]);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot publish alert {0}: {1}", t[0].id(), e.toString());
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            LOG.log(Level.WARNING, "stopping: {0} alert changes stored but not announced", changed.size());
        }
    }

    /** Takes over an alert change another collector stored (nothing is stored or announced here). */
    public synchronized void adopt(AlertRecord a) {
        AlertRecord current = unresolved.get(a.key());
        if (a.resolved()) {
            if (current != null && current.id().equals(a.id())) {
                unresolved.remove(a.key());
            }
        } else if (current == null || !current.updatedAt().isAfter(a.updatedAt())) {
            unresolved.put(a.key(), a);
        }
        pushToProjection(a.site());
    }

    /** Forgets decisions that were not stored: reads the unresolved alerts from the store again (blocking). */
    public synchronized void reload() {
        java.util.Set<String> sites = new java.util.HashSet<>();
        unresolved.values().forEach(a -> sites.add(a.site()));
        unresolved.clear();
        restore();
        sites.forEach(this::pushToProjection);
    }

    /** {@link #tick(Predicate)} for every site: a collector that runs alone owns them all. */
    public void tick() {
        tick(site -> true);
    }

    /**
     * Time-based alerts, called periodically for the sites this collector runs the rules of: resolves {@code flapping}
     * alerts of subjects that calmed down and opens {@code preferred_not_master} for failovers older than {@link
     * #PREFERRED_MASTER_GRACE}. Not blocking.
     */
    public void tick(Predicate<String> owns) {
        Instant now = clock.instant();
        flaps.calmed(now).forEach((site, actions) -> {
            if (owns.test(site)) {
                apply(site, actions);
            }
        });
        List<AlertRecord> due = new ArrayList<>();
        synchronized (this) {
            for (AlertRecord a : unresolved.values()) {
                if (owns.test(a.site())
                        && AlertRules.FAILOVER.equals(a.rule())
                        && !a.openedAt().plus(PREFERRED_MASTER_GRACE).isAfter(now)
                        && !unresolved.containsKey(
                                a.site() + "\n" + AlertRules.PREFERRED_NOT_MASTER + "\n" + a.subject())) {
                    due.add(a);
                }
            }
        }
        for (AlertRecord a : due) {
            apply(
                    a.site(),
                    List.of(AlertRules.forPreferredNotMaster(
                            a.site(),
                            a.subject(),
                            projection.usualMaster(a.site(), a.subject()),
                            Duration.between(a.openedAt(), now))));
        }
    }

    /** Blocking (reads the store for alerts already resolved): call from a worker. */
    public AckResult acknowledge(String id, String username) {
        AlertRecord done;
        synchronized (this) {
            Optional<AlertRecord> open =
                    unresolved.values().stream().filter(a -> a.id().equals(id)).findFirst();
            if (open.isEmpty()) {
                Optional<AlertRecord> stored = store.find(id);
                return stored.<AckResult>map(AckResult.AlreadyResolved::new).orElse(new AckResult.NotFound());
            }
            AlertRecord a = open.get();
            String state =
                    AlertRules.RESOLVED_BY_ACK.contains(a.rule()) ? AlertRecord.RESOLVED : AlertRecord.ACKNOWLEDGED;
            done = a.with(state, a.body(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), username);
            if (done.resolved()) {
                unresolved.remove(a.key());
            } else {
                unresolved.put(a.key(), done);
            }
            pushToProjection(a.site());
            AlertRecord retained = retainedFor(a.site());
            persist.execute(() -> store(List.of(done), retained));
        }
        return new AckResult.Done(done);
    }

    public synchronized List<AlertRecord> unresolved(String site) {
        return unresolved.values().stream()
                .filter(a -> a.site().equals(site))
                .sorted(Comparator.comparing(AlertRecord::updatedAt).reversed())
                .toList();
    }

    public synchronized List<AlertRecord> allUnresolved() {
        return List.copyOf(unresolved.values());
    }

    private void pushToProjection(String site) {
        projection.onAlerts(site, unresolved(site));
    }

    /** The worst, then newest, unresolved alert of the site. */
    private AlertRecord retainedFor(String site) {
        return unresolved(site).stream()
                .max(Comparator.comparing(AlertRecord::severity).thenComparing(AlertRecord::updatedAt))
                .orElse(null);
    }

    private void store(List<AlertRecord> changed, AlertRecord retained) {
        for (AlertRecord a : changed) {
            try {
                store.save(a);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "cannot store alert {0} of site {1}: {2}", a.id(), a.site(), e.getMessage());
            }
            try {
                sink.changed(a, retained);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot publish alert {0}: {1}", a.id(), e.toString());
            }
        }
    }

    private String link(String site) {
        return linkBase == null ? null : linkBase + "/#/sites/" + site;
    }

    @Override
    public void close() {
        persist.shutdown();
        try {
            persist.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
