package dev.vigil.collector.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;
import java.util.List;
import java.util.Locale;

/** An availability report as JSON and as CSV (docs/reports.md). */
final class ReportFormats {
    static final String CSV_HEADER = "site,wan,from,to,uptime_pct,down_s,degraded_s,outages,failovers,backup_s,"
            + "repairs,incidents,mttr_s,maintenance_s\n";

    private ReportFormats() {}

    static ObjectNode json(ReportRange range, String customer, List<SiteAvailability> sites) {
        ObjectNode body = Json.object();
        body.put("from", range.from().toString()).put("to", range.to().toString());
        if (customer != null) {
            body.put("customer", customer);
        }
        if (range.note() != null) {
            body.put("note", range.note());
        }
        ArrayNode list = body.putArray("sites");
        for (SiteAvailability s : sites) {
            ObjectNode o = list.addObject();
            o.put("site", s.site());
            putPct(o, s.uptimePct());
            o.put("down_s", seconds(s.downMs()));
            o.put("failovers", s.failovers());
            o.put("backup_s", seconds(s.backupMs()));
            o.put("repairs", s.repairs());
            o.put("incidents", s.incidents());
            if (s.mttrMs() == null) {
                o.putNull("mttr_s");
            } else {
                o.put("mttr_s", seconds(s.mttrMs()));
            }
            o.put("measured_s", seconds(s.measuredMs()));
            o.put("maintenance_s", seconds(s.maintenanceMs()));
            if (s.uptimePct() == null) {
                o.put("note", "no events were ever stored for this site: its availability is unknown");
            }
            ArrayNode wans = o.putArray("wans");
            for (SiteAvailability.WanAvailability w : s.wans()) {
                ObjectNode wo = wans.addObject().put("wan", w.wan());
                putPct(wo, w.uptimePct());
                wo.put("down_s", seconds(w.downMs()))
                        .put("degraded_s", seconds(w.degradedMs()))
                        .put("outages", w.outages());
            }
        }
        return body;
    }

    static String csv(List<SiteAvailability> sites) {
        StringBuilder out = new StringBuilder(CSV_HEADER);
        for (SiteAvailability s : sites) {
            row(out, s.site(), "", s, s.uptimePct(), s.downMs(), 0, 0);
            for (SiteAvailability.WanAvailability w : s.wans()) {
                row(out, s.site(), w.wan(), s, w.uptimePct(), w.downMs(), w.degradedMs(), w.outages());
            }
        }
        return out.toString();
    }

    private static void row(
            StringBuilder out,
            String site,
            String wan,
            SiteAvailability s,
            Double pct,
            long downMs,
            long degradedMs,
            int outages) {
        boolean siteRow = wan.isEmpty();
        out.append(cell(site))
                .append(',')
                .append(cell(wan))
                .append(',')
                .append(s.from())
                .append(',')
                .append(s.to())
                .append(',')
                .append(pct == null ? "" : String.format(Locale.ROOT, "%.3f", pct))
                .append(',')
                .append(seconds(downMs))
                .append(',')
                .append(siteRow ? "" : Long.toString(seconds(degradedMs)))
                .append(',')
                .append(siteRow ? "" : Integer.toString(outages))
                .append(',')
                .append(siteRow ? Integer.toString(s.failovers()) : "")
                .append(',')
                .append(siteRow ? Long.toString(seconds(s.backupMs())) : "")
                .append(',')
                .append(siteRow ? Integer.toString(s.repairs()) : "")
                .append(',')
                .append(siteRow ? Integer.toString(s.incidents()) : "")
                .append(',')
                .append(siteRow && s.mttrMs() != null ? Long.toString(seconds(s.mttrMs())) : "")
                .append(',')
                .append(seconds(s.maintenanceMs()))
                .append('\n');
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so that spreadsheets do not run it. */
    static String cell(String v) {
        String safe = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static void putPct(ObjectNode o, Double pct) {
        if (pct == null) {
            o.putNull("uptime_pct");
        } else {
            o.put("uptime_pct", pct);
        }
    }

    private static long seconds(long ms) {
        return Math.round(ms / 1000.0);
    }
}
