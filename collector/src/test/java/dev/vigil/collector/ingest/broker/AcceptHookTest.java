package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one piece of reflection into vert.x-mqtt: fails when an upgrade of vert.x-mqtt moves the NetServer that the
 * hook wraps, or stops calling its connect handler.
 */
class AcceptHookTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void install_onThePinnedVertxMqtt_reportsEverySocketBeforeItsFirstByte_andMqttStillWorks() throws Exception {
        List<NetSocket> accepted = new CopyOnWriteArrayList<>();
        List<String> endpoints = new CopyOnWriteArrayList<>();
        MqttServer server = AcceptHook.install(
                MqttServer.create(
                        vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0)),
                accepted::add);
        server.endpointHandler(e -> {
            endpoints.add(e.clientIdentifier());
            e.accept(false);
        });
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        try (Socket silent = new Socket("127.0.0.1", server.actualPort())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 1);
            assertThat(accepted.get(0).remoteAddress().port()).isEqualTo(silent.getLocalPort());
        }
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + server.actualPort(), "hooked", new MemoryPersistence());
        client.connect();
        assertThat(endpoints).containsExactly("hooked");
        assertThat(accepted).hasSize(2);
        client.disconnect();
        client.close();
    }
}
