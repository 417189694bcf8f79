package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.RunningCollector;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenerPortsTest {
    @Test
    void start_portZero_everyListenerSharesTheReportedPort() {
        try (RunningCollector collector = new RunningCollector()) {
            EmbeddedBroker broker = collector.app().embeddedBroker();

            assertThat(broker.listenerPorts()).isEqualTo(Set.of(collector.mqttPort()));
        }
    }
}
