package dev.vigil.agent.vrrp;

import dev.vigil.agent.vrrp.capture.FrameHandler;
import dev.vigil.agent.vrrp.decode.Decoded;
import dev.vigil.agent.vrrp.decode.FrameDecoder;
import dev.vigil.agent.vrrp.observe.VrrpObserver;
import dev.vigil.agent.vrrp.pcap.CapturedFrame;
import java.time.Instant;
import java.util.function.Consumer;

/** Decoder and observer joined for one capture: every frame is decoded, shown to an optional tap, then judged. */
public final class VrrpPipeline implements FrameHandler {
    private final String iface;
    private final FrameDecoder decoder = new FrameDecoder();
    private final VrrpObserver observer;
    private final Consumer<Decoded> tap;

    /** @param tap sees every decoded frame before the observer (the CLI's {@code --adverts}); may be null */
    public VrrpPipeline(String iface, VrrpObserver observer, Consumer<Decoded> tap) {
        this.iface = iface;
        this.observer = observer;
        this.tap = tap;
    }

    @Override
    public void frame(CapturedFrame frame) {
        Decoded decoded = decoder.decode(frame.linkType(), frame.data(), frame.data().length, frame.time());
        if (tap != null) {
            tap.accept(decoded);
        }
        observer.accept(iface, decoded);
    }

    @Override
    public void idle(Instant now) {
        observer.tick(now);
    }
}
