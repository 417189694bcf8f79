package dev.vigil.agent.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Named figures of the agent in the Prometheus text format. Parts register gauges read at scrape time (outbox depth,
 * WAN loss) or counters they increment; names follow Prometheus conventions ({@code vigil_outbox_bytes}).
 */
public final class MetricsRegistry {
    private record Family(String name, String help, String type, String label, Supplier<Map<String, Double>> values) {}

    private final List<Family> families = new CopyOnWriteArrayList<>();

    /** A single gauge read at scrape time. */
    public void gauge(String name, String help, DoubleSupplier value) {
        add(new Family(name, help, "gauge", null, () -> Map.of("", value.getAsDouble())));
    }

    /** A family of gauges with one label, e.g. {@code vigil_wan_loss_ratio{wan="wan1"}}. */
    public void gauges(String name, String help, String label, Supplier<Map<String, Double>> values) {
        add(new Family(name, help, "gauge", label, values));
    }

    /** A counter read from the caller's own count (e.g. a LongAdder it already keeps). */
    public void counter(String name, String help, DoubleSupplier value) {
        add(new Family(name, help, "counter", null, () -> Map.of("", value.getAsDouble())));
    }

    /** A new counter owned by the registry. */
    public LongAdder counter(String name, String help) {
        LongAdder adder = new LongAdder();
        counter(name, help, adder::sum);
        return adder;
    }

    /** Every figure in the Prometheus text exposition format 0.0.4. */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        for (Family f : families) {
            Map<String, Double> values;
            try {
                values = f.values().get();
            } catch (RuntimeException e) {
                continue; // a part that cannot report now is left out of this scrape
            }
            out.append("# HELP ").append(f.name()).append(' ').append(f.help()).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            List<String> keys = new ArrayList<>(values.keySet());
            keys.sort(null);
            for (String key : keys) {
                out.append(f.name());
                if (f.label() != null) {
                    out.append('{')
                            .append(f.label())
                            .append("=\"")
                            .append(escape(key))
                            .append("\"}");
                }
                out.append(' ').append(format(values.get(key))).append('\n');
            }
        }
        return out.toString();
    }

    private void add(Family family) {
        Objects.requireNonNull(family.name());
        if (!family.name().matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + family.name());
        }
        if (families.stream().anyMatch(f -> f.name().equals(family.name()))) {
            throw new IllegalArgumentException("metric registered twice: " + family.name());
        }
        families.add(family);
    }

    private static String format(Double value) {
        if (value == null || value.isNaN()) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
