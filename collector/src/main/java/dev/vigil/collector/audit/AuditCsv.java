package dev.vigil.collector.audit;

import dev.vigil.collector.store.AuditRecord;
import java.util.List;

/** The audit log as RFC 4180 CSV, safe to open in a spreadsheet: a cell that could start a formula gets a {@code '}. */
final class AuditCsv {
    static final String HEADER = "id,time,kind,actor,site,customer,outcome,summary,source,details\r\n";

    private AuditCsv() {}

    static String of(List<AuditRecord> records) {
        StringBuilder out = new StringBuilder(HEADER);
        for (AuditRecord r : records) {
            out.append(cell(r.id()))
                    .append(',')
                    .append(cell(r.time().toString()))
                    .append(',')
                    .append(cell(r.kind()))
                    .append(',')
                    .append(cell(r.actor()))
                    .append(',')
                    .append(cell(r.site()))
                    .append(',')
                    .append(cell(r.customer()))
                    .append(',')
                    .append(cell(r.outcome()))
                    .append(',')
                    .append(cell(r.summary()))
                    .append(',')
                    .append(cell(r.source()))
                    .append(',')
                    .append(cell(r.details()))
                    .append("\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
