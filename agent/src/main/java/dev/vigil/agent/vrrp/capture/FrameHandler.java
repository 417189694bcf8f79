package dev.vigil.agent.vrrp.capture;

import dev.vigil.agent.vrrp.pcap.CapturedFrame;
import java.time.Instant;

/** Receives what a {@link PacketSource} captures, on the source's own thread. */
public interface FrameHandler {
    void frame(CapturedFrame frame);

    /** Called while a live capture waits for frames (at least every poll interval), so silence can be judged. */
    void idle(Instant now);
}
