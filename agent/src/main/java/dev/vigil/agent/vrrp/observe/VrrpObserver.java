package dev.vigil.agent.vrrp.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.vrrp.decode.Advert;
import dev.vigil.agent.vrrp.decode.CarpAdvert;
import dev.vigil.agent.vrrp.decode.Decoded;
import dev.vigil.agent.vrrp.decode.Rejection;
import dev.vigil.agent.vrrp.decode.Rejection.Reason;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns decoded frames of one or more interfaces into {@code vrrp.*} observations, keyed by (interface, VLAN, family,
 * VRID). Driven only by packet timestamps and {@link #tick}, so replay and live capture behave the same. Methods are
 * synchronized: capture threads feed it while the status page reads {@link #groups()}.
 */
public final class VrrpObserver {
    private final ObserverSettings settings;
    private final ObservationSink sink;
    private final Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
    private final Map<String, InvalidCount> invalid = new HashMap<>();
    private final EnumMap<Reason, Long> rejected = new EnumMap<>(Reason.class);
    private long adverts;
    private long carp;
    private long groupsRefused;
    private Instant lastTick;

    public VrrpObserver(ObserverSettings settings, ObservationSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    public synchronized void accept(String iface, Decoded decoded) {
        if (decoded instanceof Advert a) {
            adverts++;
            GroupKey key = new GroupKey(iface, a.vlan(), a.family(), a.vrid());
            GroupState group = groups.get(key);
            if (group == null) {
                if (groups.size() >= settings.maxGroups()) {
                    groupsRefused++;
                    return;
                }
                group = new GroupState(key, settings, sink);
                groups.put(key, group);
            }
            group.advert(a);
        } else if (decoded instanceof Rejection r) {
            rejected.merge(r.reason(), 1L, Long::sum);
            if (r.reason() != Reason.NOT_VRRP) {
                invalid(iface, r);
            }
            tickAtMostEvery10ms(r.time());
        } else if (decoded instanceof CarpAdvert c) {
            carp++;
            tickAtMostEvery10ms(c.time());
        }
    }

    /** Floods of rejected frames must not walk every group per frame. */
    private void tickAtMostEvery10ms(Instant now) {
        if (lastTick == null || !now.isBefore(lastTick.plusMillis(10))) {
            tick(now);
        }
    }

    /** Advances time: silence detection, split-brain clearing, pending invalid counts. */
    public synchronized void tick(Instant now) {
        lastTick = now;
        for (GroupState group : groups.values()) {
            group.tick(now);
        }
        invalid.forEach((k, c) -> {
            if (c.pending > 0 && !now.isBefore(c.lastEmitted.plus(settings.invalidEvery()))) {
                emitInvalid(c, now);
            }
        });
    }

    private void invalid(String iface, Rejection r) {
        InvalidCount c = invalid.computeIfAbsent(iface + "/" + r.reason(), k -> new InvalidCount(iface, r.reason()));
        c.pending++;
        c.last = r;
        if (c.lastEmitted == null || !r.time().isBefore(c.lastEmitted.plus(settings.invalidEvery()))) {
            emitInvalid(c, r.time());
        }
    }

    private void emitInvalid(InvalidCount c, Instant now) {
        ObjectNode d = Json.object();
        d.put("interface", c.iface);
        Rejection r = c.last;
        if (r.vlan() != null) {
            d.put("vlan", r.vlan());
        }
        if (r.family() != null) {
            d.put("family", r.family().name());
        }
        if (r.vrid() != null) {
            d.put("vrid", r.vrid());
        }
        if (r.source() != null) {
            d.put("source", r.source());
        }
        d.put("reason", c.reason.wireName()).put("detail", r.detail()).put("count", c.pending);
        sink.accept(new Observation(now, EventTypes.VRRP_INVALID, Severity.WARNING, "vrrp/" + c.iface, d));
        c.pending = 0;
        c.lastEmitted = now;
    }

    public synchronized List<VrrpGroupView> groups() {
        List<VrrpGroupView> out = new ArrayList<>();
        groups.values().forEach(g -> out.add(g.view()));
        return out;
    }

    public synchronized Counters counters() {
        return new Counters(adverts, carp, new EnumMap<>(rejected), groupsRefused);
    }

    /** Totals since start: valid adverts, CARP adverts, rejections by reason, adverts for groups beyond the cap. */
    public record Counters(long adverts, long carp, Map<Reason, Long> rejected, long groupsRefused) {}

    private static final class InvalidCount {
        final String iface;
        final Reason reason;
        long pending;
        Rejection last;
        Instant lastEmitted;

        InvalidCount(String iface, Reason reason) {
            this.iface = iface;
            this.reason = reason;
        }
    }
}
