package dev.vigil.collector.state;

import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The per-site projection: fed by ingest and the alert engine, read by the API. Updates are serialised; readers see
 * immutable {@link SiteView}s. Every change is handed to the listener (live updates).
 */
public final class SiteProjection {
    private final Map<String, SiteView> sites = new ConcurrentHashMap<>();
    private final Consumer<SiteView> onChange;

    public SiteProjection(Consumer<SiteView> onChange) {
        this.onChange = onChange;
    }

    public Optional<SiteView> get(String site) {
        return Optional.ofNullable(sites.get(site));
    }

    /** Worst status first, then by name. */
    public List<SiteView> all() {
        List<SiteView> out = new ArrayList<>(sites.values());
        out.sort(Comparator.comparing(SiteView::statusKind).thenComparing(SiteView::site));
        return out;
    }

    public synchronized void register(String site, List<String> tags) {
        SiteView v = sites.get(site);
        sites.put(site, v == null ? SiteView.empty(site, tags) : v.withTags(tags));
    }

    public void onStatus(SiteStatus status, Instant received) {
        update(status.site(), v -> v.withStatus(status, received));
    }

    public void onState(SiteState state, Instant received) {
        update(state.site(), v -> v.heard(received, state, v.latestWans()));
    }

    public void onMetrics(SiteMetrics metrics, Instant received) {
        update(metrics.site(), v -> {
            Map<String, SiteMetrics.WanMetric> wans = new HashMap<>(v.latestWans());
            metrics.wans().forEach(w -> wans.put(w.name(), w));
            return v.heard(received, v.state(), wans);
        });
    }

    /** Any event means the site is there; a {@code wan.*} event also updates that WAN's state and figures. */
    public void onEvent(Event event, Instant received) {
        update(event.site(), v -> {
            SiteState state = v.state();
            Map<String, SiteMetrics.WanMetric> wans = v.latestWans();
            WanEvents.Change change = WanEvents.of(event);
            if (change != null) {
                if (state != null) {
                    state = WanEvents.apply(state, change);
                } else {
                    wans = new HashMap<>(wans);
                    wans.put(
                            change.wan().name(),
                            WanEvents.asMetric(
                                    change.wan(), wans.get(change.wan().name())));
                }
            }
            return v.heard(received, state, wans);
        });
    }

    public void onAlerts(String site, List<AlertRecord> unresolved) {
        update(site, v -> v.withAlerts(unresolved));
    }

    /** Records the usual master of a group unless known; returns the usual master. */
    public synchronized String learnUsualMaster(String site, String group, String master) {
        SiteView v = view(site);
        String known = v.usualMasters().get(group);
        if (known != null || master == null) {
            return known;
        }
        Map<String, String> masters = new HashMap<>(v.usualMasters());
        masters.put(group, master);
        sites.put(site, v.withUsualMasters(masters));
        return master;
    }

    public String usualMaster(String site, String group) {
        SiteView v = sites.get(site);
        return v == null ? null : v.usualMasters().get(group);
    }

    /** Marks sites silent for longer than {@code timeout}; returns the ones that just became silent. */
    public List<String> markSilent(Instant now, Duration timeout) {
        List<String> silenced = new ArrayList<>();
        for (SiteView v : sites.values()) {
            if (!v.silent()
                    && Boolean.TRUE.equals(v.online())
                    && v.lastSeen() != null
                    && v.lastSeen().plus(timeout).isBefore(now)) {
                update(v.site(), SiteView::silenced);
                silenced.add(v.site());
            }
        }
        return silenced;
    }

    private void update(String site, UnaryOperator<SiteView> change) {
        SiteView next;
        synchronized (this) {
            next = change.apply(view(site));
            sites.put(site, next);
        }
        onChange.accept(next);
    }

    private SiteView view(String site) {
        return sites.computeIfAbsent(site, s -> SiteView.empty(s, List.of()));
    }
}
