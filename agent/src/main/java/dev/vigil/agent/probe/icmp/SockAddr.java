package dev.vigil.agent.probe.icmp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** {@code struct sockaddr_in} / {@code sockaddr_in6} as bytes, in and out. */
final class SockAddr {
    static final int MAX_LENGTH = 28;

    private SockAddr() {}

    static byte[] of(InetAddress address) {
        boolean v4 = address instanceof Inet4Address;
        ByteBuffer buf = ByteBuffer.allocate(v4 ? 16 : 28);
        buf.order(ByteOrder.nativeOrder()).putShort((short) (v4 ? LibC.AF_INET : LibC.AF_INET6));
        buf.order(ByteOrder.BIG_ENDIAN).putShort((short) 0);
        if (v4) {
            buf.put(address.getAddress());
        } else {
            buf.putInt(0).put(address.getAddress());
            buf.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) address).getScopeId());
        }
        return buf.array();
    }

    /** The address in a filled-in sockaddr, or null when its family is not IPv4/IPv6. */
    static InetAddress parse(byte[] raw, int length) {
        int family = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()).getShort(0);
        try {
            if (family == LibC.AF_INET && length >= 8) {
                return InetAddress.getByAddress(Arrays.copyOfRange(raw, 4, 8));
            }
            if (family == LibC.AF_INET6 && length >= 24) {
                return InetAddress.getByAddress(Arrays.copyOfRange(raw, 8, 24));
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    static boolean sameAddress(InetAddress a, InetAddress b) {
        return a != null && b != null && Arrays.equals(a.getAddress(), b.getAddress());
    }
}
