package dev.vigil.collector.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A Paho agent that publishes QoS 1 events of one site as fast as the collector acknowledges them (up to
 * {@link #WINDOW} in flight) and records the id of every event whose PUBACK arrived, until it is stopped or the
 * connection breaks.
 */
public final class AckRecordingPublisher implements AutoCloseable {
    public static final int WINDOW = 200;

    private final MqttAsyncClient client;
    private final String site;
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(WINDOW);
    private final Thread thread;
    private volatile boolean running = true;

    public AckRecordingPublisher(String url, String site, String password) throws MqttException {
        this.site = site;
        this.client = new MqttAsyncClient(url, site + "-agent", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(site);
        o.setPassword(password.toCharArray());
        o.setMaxInflight(WINDOW + RunningCollector.PAHO_INFLIGHT_SLACK);
        o.setAutomaticReconnect(false);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(o).waitForCompletion(10_000);
        this.thread = new Thread(this::loop, "ack-recording-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        String topic = "vigil/v1/sites/" + site + "/events";
        while (running && client.isConnected()) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                byte[] event = Payloads.info(site);
                String id = Payloads.idOf(event);
                client.publish(topic, event, 1, false, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        acked.add(id);
                        inFlight.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        inFlight.release();
                    }
                });
                sent.incrementAndGet();
            } catch (MqttException e) {
                inFlight.release();
                if (!client.isConnected()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The ids whose PUBACK arrived so far. */
    public Set<String> acked() {
        return Set.copyOf(acked);
    }

    public int ackedCount() {
        return acked.size();
    }

    public boolean connected() {
        return client.isConnected();
    }

    public long sent() {
        return sent.get();
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(10_000);
        try {
            client.disconnectForcibly(0, 1000);
        } catch (MqttException e) {
            // already gone with the collector
        }
        client.close(true);
    }
}
