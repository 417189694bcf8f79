package dev.vigil.agent.vrrp.decode;

/** The pcap link-layer header types the decoder understands (tcpdump.org/linktypes.html). */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW_DLT = 12;
    public static final int RAW = 101;
    public static final int FRAME_RELAY = 107;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {}
}
