package dev.vigil.collector.notify.maintenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.notify.store.DocumentTable;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maintenance windows and snoozes, stored and held in memory, and their log (created, started, ended, deleted).
 * Overlapping windows combine as a union: an alert is muted while any window that applies to it is active. Writes
 * and {@link #load()} are blocking.
 */
public final class MaintenanceBook implements MaintenanceCalendar {
    private static final System.Logger LOG = System.getLogger(MaintenanceBook.class.getName());

    private final DocumentTable windows;
    private final DocumentTable log;
    private final Function<String, List<String>> siteTags;
    private final Clock clock;
    private final EventIds ids;
    private volatile List<MaintenanceWindow> current = List.of();
    private final Set<String> activeIds = new HashSet<>();

    /** One entry of the maintenance log. */
    public record LogEntry(String id, Instant at, String event, String windowId, String kind, String detail) {}

    public MaintenanceBook(
            DocumentTable windows, DocumentTable log, Function<String, List<String>> siteTags, Clock clock) {
        this.windows = windows;
        this.log = log;
        this.siteTags = siteTags;
        this.clock = clock;
        this.ids = new EventIds(clock);
    }

    public void load() {
        List<MaintenanceWindow> loaded = new ArrayList<>();
        for (DocumentTable.Document d : windows.all()) {
            try {
                loaded.add(WindowJson.fromStored(d.body()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ignoring stored maintenance window {0}: {1}", d.id(), e.getMessage());
            }
        }
        current = List.copyOf(loaded);
        Instant now = clock.instant();
        synchronized (activeIds) {
            current.stream().filter(w -> w.activeAt(now)).forEach(w -> activeIds.add(w.id()));
        }
    }

    public String newId() {
        return ids.next();
    }

    public List<MaintenanceWindow> all() {
        return current;
    }

    public synchronized MaintenanceWindow add(MaintenanceWindow w) {
        windows.insert(w.id(), WindowJson.toJson(w), clock.instant());
        List<MaintenanceWindow> next = new ArrayList<>(current);
        next.add(w);
        current = List.copyOf(next);
        record("created", w);
        return w;
    }

    public synchronized Optional<MaintenanceWindow> remove(String id) {
        Optional<MaintenanceWindow> found =
                current.stream().filter(w -> w.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            return found;
        }
        windows.delete(id);
        current = current.stream().filter(w -> !w.id().equals(id)).toList();
        synchronized (activeIds) {
            activeIds.remove(id);
        }
        record("deleted", found.get());
        return found;
    }

    /** The first active window that mutes this alert of this site at {@code at}. */
    public Optional<MaintenanceWindow> muting(String site, String alertId, Instant at) {
        List<String> tags = siteTags.apply(site);
        return current.stream()
                .filter(w -> w.appliesTo(site, tags, alertId) && w.activeAt(at))
                .findFirst();
    }

    /**
     * Logs the windows that started or ended since the last call (blocking: writes the log). Called periodically by
     * the notifier.
     */
    public void logTransitions() {
        Instant now = clock.instant();
        List<MaintenanceWindow> started = new ArrayList<>();
        List<MaintenanceWindow> ended = new ArrayList<>();
        synchronized (activeIds) {
            Set<String> known = new HashSet<>();
            for (MaintenanceWindow w : current) {
                known.add(w.id());
                boolean active = w.activeAt(now);
                if (active && activeIds.add(w.id())) {
                    started.add(w);
                } else if (!active && activeIds.remove(w.id())) {
                    ended.add(w);
                }
            }
            activeIds.retainAll(known);
        }
        started.forEach(w -> record("started", w));
        ended.forEach(w -> record("ended", w));
    }

    public List<LogEntry> log(int limit) {
        List<DocumentTable.Document> all = log.all();
        List<LogEntry> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            ObjectNode b = all.get(i).body();
            out.add(new LogEntry(
                    all.get(i).id(),
                    all.get(i).createdAt(),
                    b.path("event").asText(),
                    b.path("window").asText(),
                    b.path("kind").asText(),
                    b.path("detail").asText()));
        }
        return out;
    }

    private void record(String event, MaintenanceWindow w) {
        ObjectNode body = Json.object()
                .put("event", event)
                .put("window", w.id())
                .put("kind", w.kind())
                .put("detail", scopeOf(w) + (w.reason() == null ? "" : ": " + w.reason()));
        try {
            log.insert(ids.next(), body, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot log maintenance {0} {1}: {2}", w.id(), event, e.getMessage());
        }
        LOG.log(Level.INFO, "{0} {1}", w.describe(), event);
    }

    private static String scopeOf(MaintenanceWindow w) {
        if (w.all()) {
            return "all sites";
        }
        List<String> parts = new ArrayList<>();
        if (!w.sites().isEmpty()) {
            parts.add("sites " + String.join(", ", w.sites()));
        }
        if (!w.tags().isEmpty()) {
            parts.add("tags " + String.join(", ", w.tags()));
        }
        if (w.alertId() != null) {
            parts.add("alert " + w.alertId());
        }
        return String.join("; ", parts);
    }

    @Override
    public List<Span> windows(String site, Instant from, Instant to) {
        List<String> tags = siteTags.apply(site);
        List<Span> out = new ArrayList<>();
        for (MaintenanceWindow w : current) {
            if (MaintenanceWindow.MAINTENANCE.equals(w.kind()) && w.coversSite(site, tags)) {
                for (Instant[] o : w.occurrences(from, to)) {
                    out.add(new Span(w.id(), o[0], o[1], w.reason()));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Span::from));
        return out;
    }
}
