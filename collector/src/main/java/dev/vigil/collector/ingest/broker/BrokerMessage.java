package dev.vigil.collector.ingest.broker;

/** A message as the embedded endpoint routes it. */
public record BrokerMessage(String topic, byte[] payload, int qos, boolean retain) {}
