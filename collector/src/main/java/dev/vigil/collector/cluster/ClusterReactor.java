package dev.vigil.collector.cluster;

import dev.vigil.collector.alerts.AlertAction;
import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.alerts.AlertRules;
import dev.vigil.collector.ingest.SiteReactions;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.collector.store.AlertStore;
import dev.vigil.collector.store.ClusterStore;
import dev.vigil.collector.store.FeedRow;
import dev.vigil.collector.store.JdbcAlertStore;
import dev.vigil.collector.store.LostPartitionException;
import dev.vigil.collector.store.PartitionLocks;
import dev.vigil.collector.store.SnapshotStore;
import dev.vigil.collector.store.StoreException;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.PayloadRejectedException;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Several collectors as one (PostgreSQL and an external broker): every collector follows the committed feed in
 * commit order and applies each row to its projection and live stream, so all of them show the same; the owner of a
 * site's partition also runs the alert rules and stores their changes together with the partition's cursor, in one
 * transaction, then announces them — so each alert change happens and is notified once. Ownership is a PostgreSQL
 * advisory lock ({@link PartitionLocks}); a collector takes its fair share ({@code ceil(partitions / members)}) and
 * gives back what exceeds it, checked every {@link #REBALANCE_MS} ms. Runs on one thread of its own.
 */
public final class ClusterReactor implements AutoCloseable {
    static final long REBALANCE_MS = 500;
    private static final int BATCH = 1000;
    private static final int WAIT_MS = 200;
    private static final Duration FEED_KEPT = Duration.ofDays(1);
    private static final System.Logger LOG = System.getLogger(ClusterReactor.class.getName());

    private final ClusterStore feed;
    private final Supplier<PartitionLocks> join;
    private PartitionLocks locks;
    private final SiteReactions reactions;
    private final AlertEngine alerts;
    private final AlertStore alertStore;
    private final SnapshotStore snapshots;
    private final WireCodec codec;
    private final Clock clock;
    private final Thread thread;
    private final Set<Integer> owned = new TreeSet<>();
    private final Map<Integer, Long> cursors = new HashMap<>();
    private volatile boolean running = true;
    private volatile long position;
    private long lastRebalance;
    private long lastPurge;

    public ClusterReactor(
            ClusterStore feed,
            Supplier<PartitionLocks> join,
            SiteReactions reactions,
            AlertEngine alerts,
            AlertStore alertStore,
            SnapshotStore snapshots,
            WireCodec codec,
            Clock clock,
            ThreadFactory threads) {
        this.feed = feed;
        this.join = join;
        this.reactions = reactions;
        this.alerts = alerts;
        this.alertStore = alertStore;
        this.snapshots = snapshots;
        this.codec = codec;
        this.clock = clock;
        this.thread = threads.newThread(this::loop);
    }

    /** Blocking: replays the feed kept so far (so this collector shows what the others show), then starts. */
    public void start() {
        feed.install();
        locks = join.get();
        for (List<FeedRow> rows = feed.after(0, BATCH); !rows.isEmpty(); rows = feed.after(position, BATCH)) {
            rows.forEach(r -> apply(r, false));
            position = rows.get(rows.size() - 1).seq();
        }
        LOG.log(Level.INFO, "following the collectors'' feed from {0}", position);
        thread.start();
    }

    /** The partitions this collector owns now (a copy). */
    public synchronized Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** True when this collector runs the rules of the site. */
    public synchronized boolean owns(String site) {
        return owned.contains(Partitions.of(site));
    }

    public long position() {
        return position;
    }

    private void loop() {
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - lastRebalance >= TimeUnit.MILLISECONDS.toNanos(REBALANCE_MS)) {
                    lastRebalance = now;
                    rebalance();
                    purgeNow(now);
                }
                if (!step()) {
                    locks.awaitFeed(WAIT_MS);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cluster step failed, retrying: {0}", e.getMessage());
                waitBeforeRetry();
                rejoinIfLost();
            }
        }
    }

    /** Applies the next batch of the feed; false when there was nothing new. */
    private boolean step() {
        List<FeedRow> rows = feed.after(position, BATCH);
        if (rows.isEmpty()) {
            return false;
        }
        react(rows, ownedNow());
        position = rows.get(rows.size() - 1).seq();
        return true;
    }

    /** Applies rows; for those of the given owned partitions, stores the alert changes and moves their cursors. */
    private void react(List<FeedRow> rows, Set<Integer> reacting) {
        List<AlertRecord> changed = new ArrayList<>();
        Map<Integer, long[]> moves = new HashMap<>();
        for (FeedRow r : rows) {
            int part = Partitions.of(r.site());
            boolean owner = reacting.contains(part) && r.seq() > cursors.getOrDefault(part, Long.MAX_VALUE);
            List<AlertAction> actions = apply(r, owner);
            if (owner) {
                changed.addAll(alerts.decide(r.site(), actions));
                moves.computeIfAbsent(part, p -> new long[] {cursors.get(p), 0})[1] = r.seq();
            }
        }
        if (moves.isEmpty()) {
            return;
        }
        try {
            feed.react(changed, moves);
        } catch (StoreException e) {
            alerts.reload();
            if (e.getCause() instanceof LostPartitionException lost) {
                LOG.log(Level.WARNING, "{0}; letting it go", lost.getMessage());
                release(lost.partition());
                return;
            }
            throw e;
        }
        moves.forEach((p, m) -> cursors.put(p, m[1]));
        alerts.announce(changed);
    }

    private List<AlertAction> apply(FeedRow r, boolean owner) {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        SiteReactions.BaselineWriter baseline = owner ? snapshots::baseline : (s, g, m) -> {};
        try {
            return switch (r.kind()) {
                case FeedRow.EVENT ->
                    reactions.event(codec.decode(PayloadKind.EVENT, body), r.body(), r.received(), baseline::learned);
                case FeedRow.STATUS ->
                    body.length == 0
                            ? List.of()
                            : reactions.status(codec.decode(PayloadKind.STATUS, body), r.received());
                case FeedRow.STATE ->
                    body.length == 0
                            ? List.of()
                            : reactions.state(codec.decode(PayloadKind.STATE, body), r.received(), baseline::learned);
                case FeedRow.METRICS -> reactions.metrics(codec.decode(PayloadKind.METRICS, body), r.received());
                case FeedRow.SITE -> {
                    reactions.site(
                            r.site(),
                            r.body().isEmpty() ? List.of() : List.of(r.body().split("\n")));
                    yield List.of();
                }
                case FeedRow.ALERT -> {
                    boolean announcedHere = ownedNow().contains(Partitions.of(r.site()));
                    // rows written before the feed carried the whole alert hold its id
                    (r.body().startsWith("[")
                                    ? Optional.of(JdbcAlertStore.fromFeed(r.body()))
                                    : alertStore.find(r.body()))
                            .ifPresent(a -> {
                                alerts.adopt(a);
                                if (!announcedHere) {
                                    // the owner's sink already told its own browsers
                                    reactions.alertChanged(a);
                                }
                            });
                    yield List.of();
                }
                default -> List.of();
            };
        } catch (PayloadRejectedException e) {
            // validated before it was stored; a row that no longer validates (a newer contract) is skipped
            LOG.log(
                    Level.WARNING,
                    "feed row {0} of site {1} no longer validates: {2}",
                    r.seq(),
                    r.site(),
                    e.getMessage());
            return List.of();
        }
    }

    private synchronized Set<Integer> ownedNow() {
        return Set.copyOf(owned);
    }

    private void rebalance() {
        int members = Math.max(1, locks.members());
        int fair = (Partitions.COUNT + members - 1) / members;
        for (TreeSet<Integer> mine = new TreeSet<>(ownedNow()); mine.size() > fair; mine.pollLast()) {
            release(mine.last());
        }
        for (int p = 0; p < Partitions.COUNT && ownedNow().size() < fair; p++) {
            if (!ownedNow().contains(p) && locks.tryLock(p)) {
                take(p);
            }
        }
    }

    /**
     * Takes over a partition: first reads the feed to its end (the alert changes of the previous owner's last commit
     * included), then runs the rules for the partition's rows its previous owner had not reacted to.
     */
    private void take(int part) {
        while (step()) {
            // catch up
        }
        long from = feed.cursor(part);
        cursors.put(part, from);
        if (from < position) {
            List<FeedRow> missed = feed.between(from, position, s -> Partitions.of(s) == part);
            reactOnly(part, missed, from);
        }
        synchronized (this) {
            owned.add(part);
        }
        LOG.log(Level.INFO, "took partition {0} (rules from feed row {1})", part, from);
    }

    /** The rules (not the projection, already up to date) for rows of a partition just taken over. */
    private void reactOnly(int part, List<FeedRow> missed, long from) {
        List<AlertRecord> changed = new ArrayList<>();
        for (FeedRow r : missed) {
            if (!FeedRow.ALERT.equals(r.kind())) {
                changed.addAll(alerts.decide(r.site(), rulesOnly(r)));
            }
        }
        try {
            feed.react(changed, Map.of(part, new long[] {from, position}));
        } catch (StoreException e) {
            alerts.reload();
            cursors.remove(part);
            locks.unlock(part);
            throw e;
        }
        cursors.put(part, position);
        alerts.announce(changed);
    }

    private List<AlertAction> rulesOnly(FeedRow r) {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        try {
            return switch (r.kind()) {
                case FeedRow.EVENT -> {
                    Event e = codec.decode(PayloadKind.EVENT, body);
                    List<AlertAction> a = new ArrayList<>(AlertRules.forActivity());
                    a.addAll(AlertRules.forEvent(e, reactions::usualMaster));
                    yield a;
                }
                case FeedRow.STATUS ->
                    body.length == 0
                            ? List.of()
                            : AlertRules.forStatus(codec.<SiteStatus>decode(PayloadKind.STATUS, body));
                case FeedRow.STATE -> body.length == 0 ? List.of() : AlertRules.forActivity();
                case FeedRow.METRICS -> AlertRules.forActivity();
                default -> List.of();
            };
        } catch (PayloadRejectedException e) {
            return List.of();
        }
    }

    /** The lock connection died with every lock on it: this collector owns nothing until it has joined again. */
    private void rejoinIfLost() {
        if (locks.healthy()) {
            return;
        }
        synchronized (this) {
            owned.clear();
        }
        cursors.clear();
        locks.close();
        try {
            locks = join.get();
            LOG.log(Level.INFO, "joined the collectors again");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot join the collectors again: {0}", e.getMessage());
        }
    }

    private void release(int part) {
        synchronized (this) {
            owned.remove(part);
        }
        cursors.remove(part);
        locks.unlock(part);
        LOG.log(Level.INFO, "gave partition {0} back", part);
    }

    private void purgeNow(long now) {
        if (ownedNow().contains(0) && now - lastPurge >= TimeUnit.HOURS.toNanos(1)) {
            lastPurge = now;
            feed.purgeBefore(clock.instant().minus(FEED_KEPT));
        }
    }

    private void waitBeforeRetry() {
        try {
            Thread.sleep(WAIT_MS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (locks != null) {
            locks.close();
        }
    }
}
