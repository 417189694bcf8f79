package dev.vigil.collector.ingest.broker;

import java.time.Duration;

/**
 * Where and how the embedded endpoint listens.
 *
 * @param tls null for plain MQTT only
 * @param connectDeadline how long an accepted socket may take to deliver its whole CONNECT
 * @param sessionExpiry how long a persistent session outlives its connection (MQTT 3.1.1), the most an MQTT 5 client
 *     gets
 */
public record EndpointSettings(
        String host, int port, TlsListener tls, Duration connectDeadline, Duration sessionExpiry) {}
