package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class MosquittoBrokerTest {
    @Test
    void start_listensOnLoopback_andStopFreesThePort() throws IOException {
        try (MosquittoBroker broker = new MosquittoBroker().start()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", broker.port()), 1000);
                assertThat(s.isConnected()).isTrue();
            }
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.isRunning()).isTrue();
        }
    }
}
