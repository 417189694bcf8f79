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
}
