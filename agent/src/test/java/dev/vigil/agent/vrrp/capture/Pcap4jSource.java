package dev.vigil.agent.vrrp.capture;

import dev.vigil.agent.vrrp.pcap.CapturedFrame;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * The former live source, kept for the detection latency benchmark's same-run comparison: pcap4j's blocking
 * pcap_next in immediate mode, woken by a second thread calling pcap_breakloop every 100 ms so that silence is judged
 * on an idle wire and close() takes effect.
 */
final class Pcap4jSource implements PacketSource {
    private static final int SNAPLEN = 512;
    private static final int POLL_MILLIS = 100;
    /**
     * The kernel ring (libpcap's default is 2 MB, all of it counted in the agent's RSS once touched). Only VRRP passes
     * the filter, so 256 KiB holds hundreds of adverts of 512 bytes: seconds of backlog even for many groups.
     */
    private static final int RING_BYTES = 256 * 1024;

    private final String iface;
    private final Clock clock;
    private final PcapHandle handle;
    private final int linkType;
    private volatile boolean closed;

    private Pcap4jSource(String iface, Clock clock, PcapHandle handle) {
        this.iface = iface;
        this.clock = clock;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
    }

    static Pcap4jSource open(String iface, Clock clock) throws CaptureException {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(iface)
                    .snaplen(SNAPLEN)
                    .bufferSize(RING_BYTES)
                    .promiscuousMode(PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(POLL_MILLIS)
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw CaptureErrors.explain(iface, e.getMessage(), e);
        } catch (LinkageError e) {
            throw new CaptureException(
                    "cannot load libpcap (" + e.getMessage() + "): install it with apt-get install libpcap0.8", e);
        }
        try {
            handle.setFilter(PacketSource.FILTER, BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new CaptureException(iface + ": cannot set the capture filter: " + e.getMessage(), e);
        }
        return new Pcap4jSource(iface, clock, handle);
    }

    @Override
    public String name() {
        return iface;
    }

    /**
     * libpcap 1.10 on Linux ignores the read timeout in immediate mode (pcap_next blocks until a packet arrives), so a
     * ticker calls pcap_breakloop, which wakes the blocked read, every poll interval: silence is judged on an idle
     * wire and close() takes effect.
     */
    @Override
    public void run(FrameHandler handler) throws CaptureException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vrrp-capture-tick-" + iface);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::wake, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        try {
            while (!closed) {
                byte[] data = handle.getNextRawPacket();
                if (data != null) {
                    Timestamp ts = handle.getTimestamp();
                    Instant time = ts == null ? clock.instant() : ts.toInstant();
                    Integer wire = handle.getOriginalLength();
                    handler.frame(new CapturedFrame(time, linkType, data, wire == null ? data.length : wire));
                }
                handler.idle(clock.instant());
            }
        } catch (NotOpenException e) {
            if (!closed) {
                throw new CaptureException(iface + ": capture handle closed unexpectedly", e);
            }
        } finally {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handle.close();
        }
    }

    private void wake() {
        try {
            handle.breakLoop();
        } catch (NotOpenException | RuntimeException e) {
            // closing: the loop is about to end anyway
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
