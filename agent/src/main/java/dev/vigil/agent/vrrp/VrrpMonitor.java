package dev.vigil.agent.vrrp;

import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.vrrp.capture.CaptureException;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.time.Clock;
import java.util.List;

/** The VRRP observer as the agent runs it: one capture thread per configured interface, one shared observer. */
public interface VrrpMonitor extends AutoCloseable {
    /**
     * Opens every interface now (a missing interface, capability or libpcap fails here with a one-line fix) and starts
     * a capture thread per interface.
     */
    static VrrpMonitor live(VrrpConfig config, ObservationSink sink, Clock clock) throws CaptureException {
        return LiveVrrpMonitor.start(config, sink, clock);
    }

    /** Snapshot for the site state payload. */
    List<VrrpGroupView> groups();

    @Override
    void close();
}
