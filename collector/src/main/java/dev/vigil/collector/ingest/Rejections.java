package dev.vigil.collector.ingest;

import dev.vigil.collector.ops.Counters;
import dev.vigil.protocol.Violation;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts rejected messages per reason and logs the first rejection of each site + reason (with the details), so a
 * misbehaving agent cannot flood the log.
 */
public final class Rejections {
    private static final System.Logger LOG = System.getLogger(Rejections.class.getName());
    private static final int MAX_REMEMBERED = 100_000;

    private final Counters counters;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public Rejections(Counters counters) {
        this.counters = counters;
    }

    public void reject(String site, String reason, String detail) {
        counters.increment(Counters.label("vigil_ingest_rejected_total", "reason", reason));
        if (logged.size() < MAX_REMEMBERED && logged.add(site + "\n" + reason)) {
            LOG.log(
                    Level.WARNING,
                    "rejected a message from site {0} ({1}): {2} — further ones from this site for this reason are"
                            + " only counted",
                    site,
                    reason,
                    detail);
        }
    }

    /** A short reason for counting, from the validator's violations. */
    public static String reasonOf(List<Violation> violations) {
        String problem = violations.isEmpty() ? "" : violations.get(0).problem();
        if (problem.startsWith("not valid JSON")
                || problem.startsWith("empty payload")
                || problem.startsWith("must be a JSON object")
                || problem.startsWith("unreadable")) {
            return "invalid_json";
        }
        if (problem.startsWith("payload of")) {
            return "too_large";
        }
        if (problem.startsWith("unsupported schema version")) {
            return "unsupported_version";
        }
        return "schema";
    }
}
