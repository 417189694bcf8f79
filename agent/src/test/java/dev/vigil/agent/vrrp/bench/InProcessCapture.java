package dev.vigil.agent.vrrp.bench;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.VrrpPipeline;
import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.observe.ObserverSettings;
import dev.vigil.agent.vrrp.observe.VrrpObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A live source, decoder and observer in this JVM, timing every frame and every master_changed. */
final class InProcessCapture implements AutoCloseable {
    private final PacketSource source;
    private final TimedPipeline pipeline;
    private final Thread thread;
    private final List<Long> changeMicros = new CopyOnWriteArrayList<>();
    private final List<Observation> changes = new CopyOnWriteArrayList<>();
    private final List<Observation> elected = new CopyOnWriteArrayList<>();

    InProcessCapture(String name, String iface, PacketSource source) {
        this.source = source;
        this.pipeline = new TimedPipeline(
                new VrrpPipeline(iface, new VrrpObserver(ObserverSettings.DEFAULTS, this::observed), null));
        this.thread = new Thread(() -> source.run(pipeline), "bench-" + name);
        thread.start();
    }

    private void observed(Observation o) {
        if (o.type().equals("vrrp.master_elected")) {
            elected.add(o);
        }
        if (o.type().equals("vrrp.master_changed")) {
            changeMicros.add(Duration.between(o.time(), Instant.now()).toNanos() / 1000);
            changes.add(o);
        }
    }

    PacketSource source() {
        return source;
    }

    boolean elected() {
        return !elected.isEmpty();
    }

    List<Observation> changes() {
        return changes;
    }

    List<Long> changeMicros() {
        return changeMicros;
    }

    List<TimedPipeline.Delivery> deliveries() {
        return pipeline.deliveries();
    }

    @Override
    public void close() throws InterruptedException {
        source.close();
        thread.join(2000);
    }
}
