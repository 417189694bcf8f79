package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;

/** WAN samples per site. Blocking: call from a worker. */
public interface MetricStore {
    void append(String site, List<MetricPoint> points);

    /** Samples in the range, oldest first; {@code wan} null for every WAN. */
    List<MetricPoint> find(String site, Instant from, Instant to, String wan);

    int purgeBefore(Instant instant);
}
