package dev.vigil.agent.vrrp;

import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.agent.vrrp.capture.CaptureException;
import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.observe.VrrpObserver;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@link VrrpMonitor} over live pcap sources, one daemon thread per interface. */
final class LiveVrrpMonitor implements VrrpMonitor {
    private static final System.Logger LOG = System.getLogger(LiveVrrpMonitor.class.getName());

    private final VrrpObserver observer;
    private final List<PacketSource> sources = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private LiveVrrpMonitor(VrrpObserver observer) {
        this.observer = observer;
    }

    static LiveVrrpMonitor start(VrrpConfig config, ObservationSink sink, Clock clock) throws CaptureException {
        LiveVrrpMonitor monitor = new LiveVrrpMonitor(new VrrpObserver(config.observerSettings(), sink));
        try {
            for (String iface : config.interfaces()) {
                monitor.sources.add(PacketSource.live(iface, clock));
            }
        } catch (CaptureException e) {
            monitor.close();
            throw e;
        }
        for (PacketSource source : monitor.sources) {
            VrrpPipeline pipeline = new VrrpPipeline(source.name(), monitor.observer, null);
            Thread t = DaemonThreads.named("vrrp-capture-" + source.name())
                    .newThread(() -> monitor.capture(source, pipeline));
            monitor.threads.add(t);
            t.start();
        }
        return monitor;
    }

    private void capture(PacketSource source, VrrpPipeline pipeline) {
        try {
            source.run(pipeline);
        } catch (CaptureException e) {
            LOG.log(Level.ERROR, "VRRP capture on " + source.name() + " stopped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "VRRP capture on " + source.name() + " failed", e);
        }
    }

    /** The observer, for counters and tests. */
    VrrpObserver observer() {
        return observer;
    }

    @Override
    public List<VrrpGroupView> groups() {
        return observer.groups();
    }

    @Override
    public void close() {
        sources.forEach(PacketSource::close);
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
