package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.ops.Counters;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fixed CONNECT deadline from accept: a socket that has not delivered a whole CONNECT packet by then is closed,
 * however it trickles its bytes, and whether it is silent or slow. Counted
 * in {@code vigil_mqtt_connect_deadline_total}; the first one is logged, later ones only counted. Shared by the
 * listeners: each timer runs on the event loop of its socket.
 */
final class ConnectDeadline {
    static final String COUNTER = "vigil_mqtt_connect_deadline_total";
    private static final System.Logger LOG = System.getLogger(ConnectDeadline.class.getName());

    private final Vertx vertx;
    private final long deadlineMs;
    private final Counters counters;
    /** Sockets waiting for their CONNECT, by local and remote address, with their timer. */
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();

    private final AtomicBoolean logged = new AtomicBoolean();

    ConnectDeadline(Vertx vertx, Duration deadline, Counters counters) {
        this.vertx = vertx;
        this.deadlineMs = Math.max(1, deadline.toMillis());
        this.counters = counters;
    }

    /** A socket was accepted: its clock starts now. */
    void accepted(NetSocket socket) {
        String key = key(socket.localAddress(), socket.remoteAddress());
        long timer = vertx.setTimer(deadlineMs, t -> expired(key, socket));
        waiting.put(key, timer);
        // replaced by vert.x-mqtt's own close handler once the CONNECT is there; until then ours ends the wait
        socket.closeHandler(v -> cancel(key));
    }

    /** The socket's CONNECT arrived in time. */
    void connected(MqttEndpoint endpoint) {
        cancel(key(endpoint.localAddress(), endpoint.remoteAddress()));
    }

    long millis() {
        return deadlineMs;
    }

    /**
     * vert.x-mqtt's own CONNECT timeout, whole seconds, a second after the deadline: a backstop only. (In 5.0.x its
     * idle timer sits behind the MQTT decoder and sees whole packets only, so it is a deadline too, but one that
     * nobody counts, and that would become an idle timer if the pipeline order changed.)
     */
    int backstopSeconds() {
        return (int) ((deadlineMs + 999) / 1000 + 1);
    }

    private void cancel(String key) {
        Long timer = waiting.remove(key);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void expired(String key, NetSocket socket) {
        if (waiting.remove(key) == null) {
            return;
        }
        counters.increment(COUNTER);
        if (logged.compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "closed {0}: no complete CONNECT within {1} ms of opening the connection (later ones are only"
                            + " counted in " + COUNTER + ")",
                    socket.remoteAddress(),
                    deadlineMs);
        }
        socket.close();
    }

    private static String key(SocketAddress local, SocketAddress remote) {
        return local + ">" + remote;
    }
}
