package dev.vigil.collector.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Named counters and gauges, rendered in the Prometheus text format by {@link #render()}. */
public final class Counters {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    /** {@code name} is a metric name, optionally with labels: {@code vigil_rejected_total{reason="schema"}}. */
    public void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    /** Every counter and gauge by its name with labels, as {@link #render()} would print them. */
    public Map<String, Long> snapshot() {
        Map<String, Long> all = new TreeMap<>();
        counters.forEach((k, v) -> all.put(k, v.sum()));
        gauges.forEach((k, v) -> all.put(k, v.getAsLong()));
        return all;
    }

    public static String label(String name, String label, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return name + "{" + label + "=\"" + escaped + "\"}";
    }

    public String render() {
        Map<String, Long> all = new TreeMap<>();
        counters.forEach((k, v) -> all.put(k, v.sum()));
        gauges.forEach((k, v) -> all.put(k, v.getAsLong()));
        StringBuilder out = new StringBuilder();
        String lastBase = null;
        for (Map.Entry<String, Long> e : all.entrySet()) {
            String base = e.getKey().replaceAll("\\{.*", "");
            if (!base.equals(lastBase)) {
                out.append("# TYPE ")
                        .append(base)
                        .append(base.endsWith("_total") ? " counter" : " gauge")
                        .append('\n');
                lastBase = base;
            }
            out.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        return out.toString();
    }
}
