package dev.vigil.collector.ingest.broker;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrafficShapingOptions;
import io.vertx.mqtt.MqttServer;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells about every accepted socket of a vert.x-mqtt server, before any MQTT byte is decoded. vert.x-mqtt 5.0.x has no
 * such hook: its {@code MqttServerImpl} keeps the {@link NetServer} in the private field {@code server} and installs
 * its own connect handler on it in {@code listen}. This class swaps that field for a {@link NetServer} that wraps the
 * connect handler. It is the only reflection into vert.x-mqtt; {@code AcceptHookTest} fails when an upgrade moves
 * the field.
 */
final class AcceptHook {
    private static final String FIELD = "server";

    private AcceptHook() {}

    /**
     * Must run before {@link MqttServer#listen()}. {@code onAccept} runs on the socket's event loop right after
     * vert.x-mqtt has set up the connection. Throws {@link IllegalStateException} when the vert.x-mqtt in use is laid
     * out differently.
     */
    static MqttServer install(MqttServer server, Consumer<NetSocket> onAccept) {
        try {
            Field f = server.getClass().getDeclaredField(FIELD);
            f.setAccessible(true);
            Object net = f.get(server);
            if (!(net instanceof NetServer inner)) {
                throw new IllegalStateException(
                        "field " + FIELD + " of " + server.getClass().getName() + " is not a NetServer but "
                                + (net == null ? "null" : net.getClass().getName()));
            }
            f.set(server, new Accepting(inner, onAccept));
            return server;
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException(
                    "cannot hook the accepted sockets of " + server.getClass().getName() + " (vert.x-mqtt changed?): "
                            + e,
                    e);
        }
    }

    /** A {@link NetServer} that calls {@code onAccept} after the real connect handler; the rest is delegated. */
    private record Accepting(NetServer inner, Consumer<NetSocket> onAccept) implements NetServer {
        @Override
        public NetServer connectHandler(Handler<NetSocket> handler) {
            inner.connectHandler(so -> {
                handler.handle(so);
                onAccept.accept(so);
            });
            return this;
        }

        @Override
        public Handler<NetSocket> connectHandler() {
            return inner.connectHandler();
        }

        @Override
        public Future<NetServer> listen() {
            return inner.listen();
        }

        @Override
        public Future<NetServer> listen(SocketAddress local) {
            return inner.listen(local);
        }

        @Override
        public NetServer exceptionHandler(Handler<Throwable> handler) {
            inner.exceptionHandler(handler);
            return this;
        }

        @Override
        public Future<Void> close() {
            return inner.close();
        }

        @Override
        public Future<Void> shutdown() {
            return inner.shutdown();
        }

        @Override
        public Future<Void> shutdown(long timeout, TimeUnit unit) {
            return inner.shutdown(timeout, unit);
        }

        @Override
        public int actualPort() {
            return inner.actualPort();
        }

        @Override
        public Future<Boolean> updateSSLOptions(ServerSSLOptions options, boolean force) {
            return inner.updateSSLOptions(options, force);
        }

        @Override
        public Future<Boolean> updateTrafficShapingOptions(TrafficShapingOptions options) {
            return inner.updateTrafficShapingOptions(options);
        }

        @Override
        public boolean isMetricsEnabled() {
            return inner.isMetricsEnabled();
        }
    }
}
