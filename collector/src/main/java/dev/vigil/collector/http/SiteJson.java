package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.alerts.AlertViews;
import dev.vigil.collector.state.SiteView;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.WireCodec;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code SiteSummary} and {@code SiteDetail} of docs/api.md. */
public final class SiteJson {
    private SiteJson() {}

    public static ObjectNode summary(SiteView v) {
        ObjectNode n = Json.object();
        n.put("site", v.site());
        ArrayNode tags = n.putArray("tags");
        v.tags().forEach(tags::add);
        n.put("status", v.statusKind().wireName());
        n.put("online", Boolean.TRUE.equals(v.online()) && !v.silent());
        putTime(n, "last_seen", v.lastSeen());
        List<SiteState.VrrpGroupView> groups =
                v.state() == null ? List.of() : v.state().vrrp();
        String master = groups.stream()
                .map(SiteState.VrrpGroupView::master)
                .filter(m -> m != null)
                .findFirst()
                .orElse(null);
        n.put("master", master);
        ArrayNode vrrp = n.putArray("vrrp");
        for (SiteState.VrrpGroupView g : groups) {
            ObjectNode gn = vrrp.addObject();
            gn.put("iface", g.iface());
            gn.put("family", g.family());
            gn.put("vrid", g.vrid());
            gn.put("state", g.state());
            gn.put("master", g.master());
        }
        ArrayNode wans = n.putArray("wans");
        wans(v).values().forEach(w -> wanFigures(wans.addObject(), w));
        n.put("open_alerts", v.alerts().size());
        n.put(
                "worst_severity",
                v.alerts().stream()
                        .map(AlertRecord::severity)
                        .max(Comparator.naturalOrder())
                        .map(s -> s.wireName())
                        .orElse(null));
        return n;
    }

    public static ObjectNode detail(SiteView v) {
        ObjectNode n = summary(v);
        SiteState state = v.state();
        n.set("routers", WireCodec.mapper().valueToTree(state == null ? List.of() : state.routers()));
        ArrayNode vrrp = n.putArray("vrrp");
        if (state != null) {
            for (SiteState.VrrpGroupView g : state.vrrp()) {
                ObjectNode gn = WireCodec.mapper().valueToTree(g);
                for (String key : List.of("vlan", "master", "master_priority", "interval_ms", "since")) {
                    if (!gn.has(key)) {
                        gn.putNull(key);
                    }
                }
                if (!gn.has("addresses")) {
                    gn.putArray("addresses");
                }
                vrrp.add(gn);
            }
        }
        ArrayNode wans = n.putArray("wans");
        wans(v).values().forEach(w -> {
            ObjectNode wn = wanFigures(wans.addObject(), w);
            wn.put("jitter_ms", w.jitterMs());
            putTime(wn, "since", w.since());
        });
        ArrayNode alerts = n.putArray("alerts");
        v.alerts().forEach(a -> alerts.add(AlertViews.api(a)));
        return n;
    }

    private static ObjectNode wanFigures(ObjectNode wn, SiteState.WanView w) {
        wn.put("name", w.name());
        wn.put("state", w.state());
        wn.put("loss_pct", w.lossPct());
        wn.put("rtt_ms", w.rttMs());
        return wn;
    }

    /** WANs from the state, with the newer figures of the latest metrics sample where there is one. */
    private static Map<String, SiteState.WanView> wans(SiteView v) {
        Map<String, SiteState.WanView> out = new LinkedHashMap<>();
        if (v.state() != null) {
            v.state().wans().forEach(w -> out.put(w.name(), w));
        }
        for (WanMetric m : v.latestWans().values()) {
            SiteState.WanView w = out.get(m.name());
            String state = w != null ? w.state() : m.state() != null ? m.state() : "unknown";
            out.put(
                    m.name(),
                    new SiteState.WanView(
                            m.name(),
                            state,
                            m.lossPct() != null ? m.lossPct() : w == null ? null : w.lossPct(),
                            m.rttMs() != null ? m.rttMs() : w == null ? null : w.rttMs(),
                            m.jitterMs() != null ? m.jitterMs() : w == null ? null : w.jitterMs(),
                            w == null ? null : w.since()));
        }
        return out;
    }

    private static void putTime(ObjectNode n, String key, Instant t) {
        if (t == null) {
            n.putNull(key);
        } else {
            n.put(key, t.toString());
        }
    }
}
