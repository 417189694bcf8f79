package dev.vigil.collector.alerts;

import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends alert changes to phones over MQTT and to browsers. On {@code vigil/v1/alerts/{site}} every change goes out
 * at QoS 1; the worst unresolved alert of the site stays retained, and the retained message is cleared (empty
 * payload) once none is left.
 */
public final class AlertPublisher implements AlertSink {
    /** Where MQTT messages of the collector go: the embedded endpoint or the external broker. */
    @FunctionalInterface
    public interface Outlet {
        void publish(String topic, byte[] payload, boolean retain);
    }

    private final Topics topics;
    private final WireCodec codec;
    private final Outlet outlet;
    private final LiveUpdates live;
    private final Map<String, String> retainedVersion = new ConcurrentHashMap<>();

    public AlertPublisher(Topics topics, WireCodec codec, Outlet outlet, LiveUpdates live) {
        this.topics = topics;
        this.codec = codec;
        this.outlet = outlet;
        this.live = live;
    }

    @Override
    public void changed(AlertRecord changed, AlertRecord retained) {
        String topic = topics.alerts(changed.site());
        String retainedNow = retained == null ? "" : retained.id() + "@" + retained.updatedAt();
        String before = retainedVersion.put(changed.site(), retainedNow);
        boolean changedIsRetained = retained != null && retained.id().equals(changed.id());
        outlet.publish(topic, codec.encode(AlertViews.wire(changed)), changedIsRetained);
        if (!changedIsRetained && !Objects.equals(before, retainedNow)) {
            outlet.publish(topic, retained == null ? new byte[0] : codec.encode(AlertViews.wire(retained)), true);
        }
        live.publish("alert", AlertViews.api(changed).toString());
    }
}
