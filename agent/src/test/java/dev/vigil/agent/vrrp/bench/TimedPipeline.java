package dev.vigil.agent.vrrp.bench;

import dev.vigil.agent.vrrp.capture.FrameHandler;
import dev.vigil.agent.vrrp.pcap.CapturedFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps the capture's handler to time every frame as it comes out of libpcap: wire → JVM, and how long the capture
 * thread had been waiting inside libpcap before it (since it last returned, for a frame or an idle wake-up).
 */
final class TimedPipeline implements FrameHandler {
    record Delivery(long deliveryMicros, long asleepMicros, boolean afterIdleWake) {}

    private final FrameHandler inner;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private long waitingSince = System.nanoTime();
    private boolean lastWasIdle;

    TimedPipeline(FrameHandler inner) {
        this.inner = inner;
    }

    @Override
    public void frame(CapturedFrame frame) {
        Instant now = Instant.now();
        long asleep = (System.nanoTime() - waitingSince) / 1000;
        deliveries.add(new Delivery(Duration.between(frame.time(), now).toNanos() / 1000, asleep, lastWasIdle));
        inner.frame(frame);
        lastWasIdle = false;
        waitingSince = System.nanoTime();
    }

    @Override
    public void idle(Instant now) {
        inner.idle(now);
        if (waitingSince < System.nanoTime() - 1_000_000) {
            lastWasIdle = true;
        }
        waitingSince = System.nanoTime();
    }

    List<Delivery> deliveries() {
        return deliveries;
    }
}
