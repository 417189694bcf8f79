package dev.vigil.collector.ingest.broker;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.vertx.mqtt.MqttEndpoint;

/**
 * How long a new connection's session outlives it. MQTT 3.1.1: the configured expiry for {@code cleanSession=false},
 * else 0. MQTT 5: the client's Session Expiry Interval (absent = 0), at most the configured expiry; when it is cut,
 * the CONNACK says so. Session ids longer than the store keeps get 0.
 */
record SessionExpiry(long granted, boolean capped) {
    static SessionExpiry of(MqttEndpoint endpoint, long maxSeconds) {
        if (endpoint.clientIdentifier() == null || endpoint.clientIdentifier().length() > Session.MAX_STORED_TEXT) {
            return new SessionExpiry(0, false);
        }
        if (endpoint.protocolVersion() < 5) {
            return new SessionExpiry(endpoint.isCleanSession() ? 0 : maxSeconds, false);
        }
        MqttProperties.MqttProperty<?> asked = endpoint.connectProperties() == null
                ? null
                : endpoint.connectProperties().getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
        long seconds = asked instanceof IntegerProperty p ? Integer.toUnsignedLong(p.value()) : 0;
        return seconds > maxSeconds ? new SessionExpiry(maxSeconds, true) : new SessionExpiry(seconds, false);
    }

    MqttProperties connackProperties() {
        if (!capped) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties p = new MqttProperties();
        p.add(new IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) granted));
        return p;
    }
}
