package dev.vigil.collector.configs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.ingest.StoredEventListener;
import dev.vigil.collector.ops.Counters;
import dev.vigil.protocol.ConfigExport;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Turns stored {@code config.exported} events into configuration versions. Told on the ingest context, it only hands
 * the part's reference to its own thread, where everything else happens in order: the parts of the export are read
 * back from the events table, and once all are there they are assembled, checked and stored. An export still missing
 * parts {@link #INCOMPLETE_AFTER} after its first part is looked at once more and then dropped.
 */
final class ConfigIngest implements StoredEventListener {
    static final Duration INCOMPLETE_AFTER = Duration.ofMinutes(10);
    static final String COUNTER = "vigil_config_exports_total";
    private static final System.Logger LOG = System.getLogger(ConfigIngest.class.getName());

    private record Key(String site, String exportId) {}

    private record Pending(PartRef ref, Instant firstSeen) {}

    private final ScheduledExecutorService worker;
    private final ExportParts parts;
    private final ConfigStore store;
    private final ConfigRetention retention;
    private final Counters counters;
    private final Clock clock;
    /** Exports with parts missing; touched on the worker thread only. */
    private final Map<Key, Pending> pending = new HashMap<>();

    ConfigIngest(
            ScheduledExecutorService worker,
            ExportParts parts,
            ConfigStore store,
            ConfigRetention retention,
            Counters counters,
            Clock clock) {
        this.worker = worker;
        this.parts = parts;
        this.store = store;
        this.retention = retention;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void stored(Event event, Instant received) {
        if (!EventTypes.CONFIG_EXPORTED.equals(event.type())) {
            return;
        }
        PartRef ref;
        try {
            ref = PartRef.of(event);
        } catch (IllegalArgumentException e) {
            count("rejected");
            LOG.log(
                    Level.WARNING,
                    "config export part {0} of site {1} ignored: {2}",
                    event.id(),
                    event.site(),
                    e.getMessage());
            return;
        }
        try {
            worker.execute(() -> check(ref, false));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the part is stored and is found again with the export's next part
        }
    }

    /** Drops, after one more look, the exports that have waited too long for their parts. Runs on the worker. */
    void sweep() {
        Instant limit = clock.instant().minus(INCOMPLETE_AFTER);
        for (Pending p : List.copyOf(pending.values())) {
            if (p.firstSeen().isBefore(limit)) {
                try {
                    check(p.ref(), true);
                } catch (RuntimeException e) {
                    // check logs what it can; a surprise here must not end the periodic sweep
                    pending.remove(new Key(p.ref().site(), p.ref().exportId()));
                    LOG.log(Level.WARNING, "config export sweep: " + e);
                }
            }
        }
    }

    private void check(PartRef ref, boolean last) {
        Key key = new Key(ref.site(), ref.exportId());
        try {
            if (store.done(ref.site(), ref.exportId())) {
                pending.remove(key);
                return;
            }
            List<JsonNode> stored = parts.of(ref);
            if (!ExportParts.complete(stored)) {
                if (last) {
                    drop(key, ref, stored);
                } else {
                    pending.putIfAbsent(key, new Pending(ref, clock.instant()));
                }
                return;
            }
            pending.remove(key);
            assembleAndStore(ref, stored);
        } catch (RuntimeException e) {
            count("failed");
            LOG.log(
                    Level.WARNING,
                    "config export {0} of {1}/{2} not stored: {3}",
                    ref.exportId(),
                    ref.site(),
                    ref.router(),
                    e.getMessage());
            if (last) {
                pending.remove(key);
            } else {
                pending.putIfAbsent(key, new Pending(ref, clock.instant()));
            }
        }
    }

    private void drop(Key key, PartRef ref, List<JsonNode> stored) {
        pending.remove(key);
        count("incomplete");
        int of = stored.isEmpty() ? 0 : stored.get(0).path("parts").asInt();
        long have = stored.stream().map(p -> p.path("part").asInt()).distinct().count();
        LOG.log(
                Level.WARNING,
                "config export {0} of {1}/{2} dropped: {3} of {4} parts arrived within {5} min",
                ref.exportId(),
                ref.site(),
                ref.router(),
                String.valueOf(have),
                String.valueOf(of),
                String.valueOf(INCOMPLETE_AFTER.toMinutes()));
    }

    private void assembleAndStore(PartRef ref, List<JsonNode> stored) {
        String text;
        try {
            text = ConfigExport.assemble(stored);
        } catch (IllegalArgumentException e) {
            store.rejected(ref.site(), ref.router(), ref.exportId(), clock.instant());
            count("rejected");
            LOG.log(
                    Level.WARNING,
                    "config export {0} of {1}/{2} rejected, nothing stored: {3}",
                    ref.exportId(),
                    ref.site(),
                    ref.router(),
                    e.getMessage());
            return;
        }
        JsonNode first = stored.get(0);
        Instant exportedAt = ref.time();
        ExportText export = new ExportText(
                ref.site(),
                ref.router(),
                ref.exportId(),
                first.path("sha256").asText(),
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                text,
                exportedAt);
        ConfigStore.Recorded r = store.record(export, clock.instant());
        switch (r.outcome()) {
            case NEW_VERSION -> {
                count("new_version");
                int purged = store.purge(retention, ref.site(), ref.router(), clock.instant());
                LOG.log(
                        Level.INFO,
                        "config of {0}/{1}: version {2} stored ({3} bytes){4}",
                        ref.site(),
                        ref.router(),
                        String.valueOf(r.version()),
                        String.valueOf(export.bytes()),
                        purged == 0 ? "" : ", " + purged + " old versions deleted");
            }
            case UNCHANGED -> count("unchanged");
            case STALE -> {
                count("stale");
                LOG.log(
                        Level.INFO,
                        "config export {0} of {1}/{2} arrived after a newer one and is not stored",
                        ref.exportId(),
                        ref.site(),
                        ref.router());
            }
            case ALREADY_DONE -> {
                // another collector finished it meanwhile
            }
        }
    }

    private void count(String outcome) {
        counters.increment(Counters.label(COUNTER, "outcome", outcome));
    }
}
