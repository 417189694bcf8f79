package dev.vigil.collector.store;

import java.time.Instant;

/** One WAN sample of a site. */
public record MetricPoint(String wan, Instant time, Double rttMs, Double lossPct, Double jitterMs) {}
