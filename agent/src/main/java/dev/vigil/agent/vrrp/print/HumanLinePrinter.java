package dev.vigil.agent.vrrp.print;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.decode.Advert;
import dev.vigil.agent.vrrp.decode.CarpAdvert;
import dev.vigil.agent.vrrp.decode.Decoded;
import dev.vigil.agent.vrrp.decode.Rejection;
import dev.vigil.agent.vrrp.decode.Rejection.Reason;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Reads like tcpdump, decoded and judged: one line per advert, {@code >>} lines for what the observer concluded. */
final class HumanLinePrinter implements LinePrinter {
    private static final Set<String> COMMON = Set.of("interface", "vlan", "family", "vrid", "version");
    private final PrintWriter out;
    private final String iface;
    private final boolean flushEachLine;

    HumanLinePrinter(PrintWriter out, String iface, boolean flushEachLine) {
        this.flushEachLine = flushEachLine;
        this.out = out;
        this.iface = iface;
    }

    @Override
    public void decoded(Decoded decoded) {
        StringBuilder sb = new StringBuilder(160);
        if (decoded instanceof Advert a) {
            sb.append(time(a.time())).append(' ').append(iface);
            if (a.vlan() != null) {
                sb.append(" vlan ").append(a.vlan());
            }
            sb.append(' ').append(a.family()).append(' ').append(a.source()).append(" > ");
            sb.append(a.destination())
                    .append(": VRRPv")
                    .append(a.version())
                    .append(" vrid ")
                    .append(a.vrid());
            sb.append(" prio ")
                    .append(a.priority())
                    .append(" int ")
                    .append(a.intervalMs())
                    .append("ms");
            if (a.version() == 2) {
                sb.append(" auth ").append(a.auth());
            }
            sb.append(" addrs ").append(String.join(",", a.addresses()));
            sb.append(" ck ").append(a.checksum().wireName()).append(" ttl ").append(a.ttl());
            if (a.priority() == 0) {
                sb.append(" (resigning)");
            }
        } else if (decoded instanceof CarpAdvert c) {
            sb.append(time(c.time())).append(' ').append(iface).append(' ').append(c.source());
            sb.append(": CARP (not VRRP) vhid ")
                    .append(c.vhid())
                    .append(" advskew ")
                    .append(c.advskew());
            sb.append(" advbase ").append(c.advbase());
        } else if (decoded instanceof Rejection r && r.reason() != Reason.NOT_VRRP) {
            sb.append(time(r.time())).append(' ').append(iface);
            if (r.source() != null) {
                sb.append(' ').append(r.source());
            }
            sb.append(": INVALID ").append(r.reason().wireName()).append(": ").append(r.detail());
        } else {
            return;
        }
        out.println(sb);
        if (flushEachLine) {
            out.flush();
        }
    }

    @Override
    public void observation(Observation o) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(time(o.time())).append(" >> ").append(o.type()).append(' ').append(o.subject());
        for (Iterator<Map.Entry<String, JsonNode>> it = o.data().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!COMMON.contains(e.getKey())) {
                JsonNode v = e.getValue();
                sb.append(' ').append(e.getKey()).append('=').append(v.isTextual() ? v.asText() : v.toString());
            }
        }
        out.println(sb);
        if (flushEachLine) {
            out.flush();
        }
    }

    private static String time(Instant t) {
        return t.toString();
    }
}
