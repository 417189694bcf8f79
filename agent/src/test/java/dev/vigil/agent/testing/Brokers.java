package dev.vigil.agent.testing;

import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.mqtt.MosquittoBroker;

/** Mosquitto set up for delivery tests: sessions and queues survive a restart, no limit on queued messages. */
public final class Brokers {
    private Brokers() {}

    public static MosquittoBroker persistent() {
        MosquittoBroker broker = new MosquittoBroker().withConfig("max_queued_messages 0");
        if (Prerequisites.isRoot()) {
            // Debian's mosquitto drops root for user 'mosquitto', which cannot write the root-owned temporary
            // directory: its persistence file (sessions, queued messages) would silently not survive a restart.
            broker.withConfig("user root");
        }
        return broker;
    }
}
