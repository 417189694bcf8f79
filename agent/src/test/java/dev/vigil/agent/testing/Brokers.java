package dev.vigil.agent.testing;

import dev.vigil.testkit.mqtt.MosquittoBroker;

/** Mosquitto set up for delivery tests: sessions and queues survive a restart, no limit on queued messages. */
public final class Brokers {
    private Brokers() {}

    public static MosquittoBroker persistent() {
        return new MosquittoBroker().withConfig("max_queued_messages 0");
    }
}
