package dev.vigil.agent.publish;

import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends the site's traffic to the broker: events from the outbox at QoS 1 in order, the retained state and status,
 * metrics at QoS 0. Reconnects by itself; never blocks its callers on the network.
 */
public interface Publisher extends AutoCloseable {

    static Publisher mqtt(MqttConfig config, String site, String agentVersion, Outbox outbox, Clock clock) {
        return new PahoPublisher(config, site, agentVersion, outbox, clock);
    }

    /** Starts connecting in the background. */
    void start();

    /**
     * Subscribes the site's commands topic (QoS 1, on every connect) and hands each payload to {@code handler}, one
     * at a time on a thread of the publisher's own. Call before {@link #start()}.
     */
    void onCommand(Consumer<byte[]> handler);

    /** Publishes the retained {@code online} status again at the next chance. */
    void refreshStatus();

    /** Retained; the latest state is sent once connected, older unsent ones are skipped. */
    void publishState(SiteState state);

    /** QoS 0; dropped (and counted) when not connected. */
    void publishMetrics(SiteMetrics metrics);

    boolean isConnected();

    long eventsPublished();

    long metricsDropped();

    long connects();

    /** Why the last connection attempt failed or the connection was lost, while not connected. */
    Optional<String> lastError();

    /** Delivers what the outbox holds (up to {@code mqtt.flush_timeout}), publishes {@code offline}, disconnects. */
    @Override
    void close();
}
