package dev.vigil.agent.vrrp.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.vrrp.decode.Advert;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state machine of one VRRP group. Backups are silent in VRRP, so the master is the source of the latest valid
 * advert, except that a lower-priority source does not displace a master that is still advertising (that is a split
 * brain in the making, reported as such). All time comes from the adverts and from {@link #tick}.
 */
final class GroupState {
    private static final List<String> COMPARED = List.of("interval", "addresses", "version", "auth");

    private final GroupKey key;
    private final ObserverSettings settings;
    private final ObservationSink sink;
    private final Map<String, Speaker> speakers = new LinkedHashMap<>();
    private final Deque<Instant> changes = new ArrayDeque<>();
    private final Set<String> reportedMismatches = new HashSet<>();
    private Speaker master;
    private Speaker lostMaster;
    private Instant masterSince;
    private boolean flapping;
    private Instant splitSince;
    private List<String> splitSources = List.of();

    GroupState(GroupKey key, ObserverSettings settings, ObservationSink sink) {
        this.key = key;
        this.settings = settings;
        this.sink = sink;
    }

    void advert(Advert a) {
        Instant t = a.time();
        tick(t);
        Speaker s = speakers.get(a.source());
        if (s == null) {
            s = newSpeaker(a.source());
            s.runStart = t;
        } else {
            if (s.resigned() || Timing.millis(s.lastSeen, t) > Timing.masterDownMs(s.intervalMs)) {
                s.runStart = t;
            }
            if (s.priority != a.priority() && s.priority != 0 && a.priority() != 0) {
                ObjectNode d = data(a.version());
                d.put("source", s.source).put("priority", a.priority()).put("previous_priority", s.priority);
                emit(t, EventTypes.VRRP_PRIORITY_CHANGED, Severity.INFO, d);
            }
        }
        s.update(a);
        compareSettings(s, t);
        if (a.priority() > 0) {
            judgeMaster(s, t);
        }
        splitBrain(t);
    }

    private void judgeMaster(Speaker s, Instant t) {
        if (master == s) {
            return;
        }
        if (master == null) {
            if (lostMaster != null && lostMaster != s) {
                change(s, lostMaster, lostMaster.resigned() ? "resignation" : "silence", t);
            } else {
                elect(s, t);
            }
        } else if (master.resigned()) {
            change(s, master, "resignation", t);
        } else if (s.outranks(master)) {
            change(s, master, "preemption", t);
        }
    }

    private void elect(Speaker s, Instant t) {
        master = s;
        lostMaster = null;
        masterSince = t;
        ObjectNode d = data(s.version);
        d.put("master", s.source).put("priority", s.priority).put("interval_ms", s.intervalMs);
        s.addresses.forEach(d.putArray("addresses")::add);
        emit(t, EventTypes.VRRP_MASTER_ELECTED, Severity.INFO, d);
    }

    private void change(Speaker s, Speaker previous, String cause, Instant t) {
        master = s;
        lostMaster = null;
        masterSince = t;
        ObjectNode d = data(s.version);
        d.put("master", s.source).put("previous", previous.source);
        d.put("priority", s.priority).put("previous_priority", previous.priority);
        d.put("cause", cause).put("gap_ms", Timing.millis(previous.lastSeen, t));
        emit(t, EventTypes.VRRP_MASTER_CHANGED, Severity.WARNING, d);
        flapping(t);
    }

    void tick(Instant now) {
        if (master != null) {
            long silence = Timing.millis(master.lastSeen, now);
            long down = Timing.masterDownMs(master.intervalMs);
            if (silence > down) {
                ObjectNode d = data(master.version);
                d.put("previous", master.source).put("silence_ms", silence).put("master_down_ms", down);
                emit(now, EventTypes.VRRP_MASTER_LOST, Severity.CRITICAL, d);
                lostMaster = master;
                master = null;
                masterSince = now;
            }
        }
        if (splitSince != null) {
            splitBrain(now);
        }
    }

    /** Two or more sources each still advertising at least one interval after they began to overlap. */
    private void splitBrain(Instant now) {
        List<Speaker> active = new ArrayList<>();
        for (Speaker s : speakers.values()) {
            if (Timing.active(s, now)) {
                active.add(s);
            }
        }
        List<String> overlapping = new ArrayList<>();
        for (Speaker x : active) {
            for (Speaker y : active) {
                if (x != y && overlapLongerThanInterval(x, y)) {
                    overlapping.add(x.source);
                    break;
                }
            }
        }
        if (splitSince == null && overlapping.size() >= 2) {
            splitSince = now;
            splitSources = overlapping;
            ObjectNode d = data(active.get(0).version);
            overlapping.forEach(d.putArray("sources")::add);
            emit(now, EventTypes.VRRP_SPLIT_BRAIN, Severity.CRITICAL, d);
        } else if (splitSince != null && active.size() < 2) {
            ObjectNode d = data(master != null ? master.version : active.isEmpty() ? 0 : active.get(0).version);
            splitSources.forEach(d.putArray("sources")::add);
            d.put("duration_ms", Timing.millis(splitSince, now));
            emit(now, EventTypes.VRRP_SPLIT_BRAIN_CLEARED, Severity.INFO, d);
            splitSince = null;
            splitSources = List.of();
        }
    }

    private static boolean overlapLongerThanInterval(Speaker x, Speaker y) {
        Instant start = x.runStart.isAfter(y.runStart) ? x.runStart : y.runStart;
        Instant end = x.lastSeen.isBefore(y.lastSeen) ? x.lastSeen : y.lastSeen;
        return Timing.millis(start, end) >= Math.max(x.intervalMs, y.intervalMs);
    }

    private void compareSettings(Speaker s, Instant t) {
        if (allRecentAgreeWith(s, t)) {
            return; // the common case, checked without building the per-field maps below
        }
        for (String field : COMPARED) {
            Map<String, Object> values = new TreeMap<>();
            for (Speaker other : speakers.values()) {
                if (Timing.millis(other.lastSeen, t) <= 10 * Timing.masterDownMs(other.intervalMs)) {
                    values.put(other.source, other.field(field));
                }
            }
            if (values.values().stream().distinct().count() > 1 && reportedMismatches.add(field + values)) {
                ObjectNode d = data(s.version);
                d.put("field", field);
                ObjectNode v = d.putObject("values");
                values.forEach((src, value) -> {
                    if (value instanceof Integer n) {
                        v.put(src, n);
                    } else if (value instanceof List<?> list) {
                        list.forEach(item -> v.withArray(src).add(String.valueOf(item)));
                    } else {
                        v.put(src, String.valueOf(value));
                    }
                });
                emit(t, EventTypes.VRRP_CONFIG_MISMATCH, Severity.WARNING, d);
            }
        }
    }

    /** True when every source heard recently has {@code s}'s settings: then no field can differ. */
    private boolean allRecentAgreeWith(Speaker s, Instant t) {
        for (Speaker other : speakers.values()) {
            if (other != s
                    && Timing.millis(other.lastSeen, t) <= 10 * Timing.masterDownMs(other.intervalMs)
                    && !other.sameSettings(s)) {
                return false;
            }
        }
        return true;
    }

    private void flapping(Instant t) {
        changes.addLast(t);
        while (!changes.isEmpty() && changes.peekFirst().isBefore(t.minus(settings.flappingWindow()))) {
            changes.removeFirst();
        }
        if (changes.size() >= settings.flappingChanges() && !flapping) {
            flapping = true;
            ObjectNode d = data(master.version);
            d.put("changes", changes.size())
                    .put("window_s", settings.flappingWindow().toSeconds());
            emit(t, EventTypes.VRRP_FLAPPING, Severity.WARNING, d);
        } else if (changes.size() < settings.flappingChanges()) {
            flapping = false;
        }
    }

    private Speaker newSpeaker(String source) {
        if (speakers.size() >= settings.maxSpeakersPerGroup()) {
            speakers.values().stream()
                    .filter(s -> s != master && s != lostMaster)
                    .min(Comparator.comparing(s -> s.lastSeen))
                    .ifPresent(s -> speakers.remove(s.source));
        }
        Speaker s = new Speaker(source);
        speakers.put(source, s);
        return s;
    }

    VrrpGroupView view() {
        Speaker shown = master != null ? master : lostMaster;
        String state = splitSince != null ? "split_brain" : master != null ? "master" : "no_master";
        return new VrrpGroupView(
                key.iface(),
                key.vlan(),
                key.family().name(),
                key.vrid(),
                shown == null ? 0 : shown.version,
                state,
                master == null ? null : master.source,
                master == null ? null : master.priority,
                shown == null ? null : shown.intervalMs,
                shown == null ? List.of() : shown.addresses,
                masterSince);
    }

    private ObjectNode data(int version) {
        ObjectNode d = Json.object();
        d.put("interface", key.iface());
        if (key.vlan() != null) {
            d.put("vlan", key.vlan());
        }
        d.put("family", key.family().name()).put("vrid", key.vrid()).put("version", version);
        return d;
    }

    private void emit(Instant t, String type, Severity severity, ObjectNode data) {
        sink.accept(new Observation(t, type, severity, key.subject(), data));
    }
}
