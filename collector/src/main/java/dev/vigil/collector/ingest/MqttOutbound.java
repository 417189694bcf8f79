package dev.vigil.collector.ingest;

import dev.vigil.collector.alerts.AlertPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Consumer;

/**
 * What the collector publishes over MQTT (alerts, Home Assistant discovery, commands), whichever transport carries
 * it: a local address on the Vert.x event bus, so it exists before its users and before the transport. The embedded
 * endpoint or the external broker's client {@link #serve serves} it once started, on its own context; a message
 * published before that (or after it stopped) is dropped, as one published while the broker is away. Thread-safe;
 * messages of one publishing thread keep their order.
 */
public final class MqttOutbound implements AlertPublisher.Outlet {
    static final String ADDRESS = "vigil.mqtt.outbound";

    /** One message the collector publishes at QoS 1. */
    public record Message(String topic, byte[] payload, boolean retain) {}

    private final Vertx vertx;

    /** One per Vert.x instance (it registers the local codec of {@link Message}). */
    public MqttOutbound(Vertx vertx) {
        this.vertx = vertx;
        vertx.eventBus().registerDefaultCodec(Message.class, new LocalCodec());
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retain) {
        vertx.eventBus().publish(ADDRESS, new Message(topic, payload, retain));
    }

    /**
     * Hands every message published from now on to {@code transport}, on the caller's context (call it from the
     * transport verticle's {@code start}); the future completes once registered.
     */
    public static Future<MessageConsumer<Message>> serve(Vertx vertx, Consumer<Message> transport) {
        MessageConsumer<Message> consumer = vertx.eventBus().localConsumer(ADDRESS, m -> transport.accept(m.body()));
        return consumer.completion().map(v -> consumer);
    }

    /** Local delivery only: the message object itself, never encoded. */
    private static final class LocalCodec implements MessageCodec<Message, Message> {
        @Override
        public void encodeToWire(Buffer buffer, Message message) {
            throw new UnsupportedOperationException("MQTT outbound messages stay in this process");
        }

        @Override
        public Message decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("MQTT outbound messages stay in this process");
        }

        @Override
        public Message transform(Message message) {
            return message;
        }

        @Override
        public String name() {
            return "vigil-mqtt-outbound";
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
