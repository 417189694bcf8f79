package dev.vigil.agent.vrrp.capture;

import java.time.Clock;

/** Both live capture implementations, so that a benchmark can compare them in one run. */
public final class CaptureAccess {
    private CaptureAccess() {}

    public static PacketSource pcap4j(String iface, Clock clock) throws CaptureException {
        return Pcap4jSource.open(iface, clock);
    }

    public static PacketSource polling(String iface, Clock clock) throws CaptureException {
        return PollingPcapSource.open(iface, clock);
    }

    public static boolean realtime(PacketSource source) {
        return source instanceof PollingPcapSource p && p.realtime();
    }

    /** SCHED_FIFO priority 1 for the calling thread, as the capture thread asks for; false when not permitted. */
    public static boolean realtimeCurrentThread() {
        com.sun.jna.Memory param = new com.sun.jna.Memory(4);
        param.setInt(0, 1);
        return LibC.load().sched_setscheduler(0, LibC.SCHED_FIFO, param) == 0;
    }
}
