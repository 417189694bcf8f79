package dev.vigil.agent.vrrp.capture;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Where frames come from: a live interface or a capture file. Callers never see libpcap types. {@link #run} returns at
 * the end of a file, or for a live source when {@link #close} is called from another thread.
 */
public interface PacketSource extends AutoCloseable {
    /** Catches VRRP, VRRP inside AH, both inside 802.1Q tags; CARP shares protocol 112 and is told apart later. */
    String FILTER =
            "ip proto 112 or ip6 proto 112 or ip proto 51 or (vlan and (ip proto 112 or ip6 proto 112 or ip proto 51))";

    String name();

    void run(FrameHandler handler) throws CaptureException;

    @Override
    void close();

    static PacketSource file(Path file) {
        return new FileSource(file);
    }

    /** Opens the interface now, so that a missing interface, capability or libpcap fails here with the fix. */
    static PacketSource live(String iface, Clock clock) throws CaptureException {
        return PollingPcapSource.open(iface, clock);
    }
}
