package dev.vigil.agent.vrrp.decode;

/** Internet (one's complement) checksums over the VRRP message, with and without the IP pseudo-header. */
final class Checksums {
    static final int VRRP_PROTOCOL = 112;
    private static final byte[] GROUP4 = {(byte) 224, 0, 0, 18};
    private static final byte[] GROUP6 = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};

    private Checksums() {}

    static long sum(byte[] b, int off, int len) {
        long sum = 0;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    static boolean valid(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum == 0xffff;
    }

    /** Pseudo-header sum; {@code dstOff < 0} means the VRRP group address instead of the packet's destination. */
    static long pseudo(byte[] b, int srcOff, int dstOff, boolean ipv6, int length) {
        int addrLen = ipv6 ? 16 : 4;
        long sum = sum(b, srcOff, addrLen);
        sum += dstOff < 0 ? sum(ipv6 ? GROUP6 : GROUP4, 0, addrLen) : sum(b, dstOff, addrLen);
        sum += (length >>> 16) + (length & 0xffff) + VRRP_PROTOCOL;
        return sum;
    }

    static boolean isGroup(byte[] b, int off, boolean ipv6) {
        byte[] group = ipv6 ? GROUP6 : GROUP4;
        for (int i = 0; i < group.length; i++) {
            if (b[off + i] != group[i]) {
                return false;
            }
        }
        return true;
    }
}
