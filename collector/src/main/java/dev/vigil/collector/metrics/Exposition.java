package dev.vigil.collector.metrics;

import java.util.Locale;

/**
 * Writes the Prometheus text exposition format 0.0.4: one {@code # HELP} and {@code # TYPE} line per family, then its
 * samples. Callers write each family's samples together, right after {@link #family}.
 */
final class Exposition {
    private final StringBuilder out = new StringBuilder(8192);

    Exposition family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** {@code labels} alternate names and values: {@code "site", "acme", "wan", "wan1"}. */
    Exposition sample(String name, double value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i])
                        .append("=\"")
                        .append(escapeLabel(labels[i + 1]))
                        .append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    /** A sample whose name and labels are already rendered (the ops counters). */
    Exposition raw(String nameWithLabels, long value) {
        out.append(nameWithLabels).append(' ').append(value).append('\n');
        return this;
    }

    String text() {
        return out.toString();
    }

    static String escapeLabel(String value) {
        return value == null
                ? ""
                : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
