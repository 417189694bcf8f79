package dev.vigil.agent.probe.icmp;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An ICMP error about one of our echo requests, read from the socket's error queue (IP_RECVERR / IPV6_RECVERR): the
 * control message {@code struct sock_extended_err} with the offender's address behind it, and the request it is
 * about. Types and codes: RFC 792 and RFC 1812 §5.2.7.1 (IPv4), RFC 4443 §3 (IPv6).
 *
 * @param identifier the echo identifier of the request the error is about (ours on raw sockets)
 * @param sequence the echo sequence number of the request the error is about
 * @param type ICMP or ICMPv6 type
 * @param code ICMP or ICMPv6 code
 * @param offender who sent the error; null when the kernel did not say
 */
record IcmpError(int identifier, int sequence, boolean v6, int type, int code, InetAddress offender) {
    static final int SOL_IP = 0;
    static final int IP_RECVERR = 11;
    static final int SOL_IPV6 = 41;
    static final int IPV6_RECVERR = 25;
    static final int SO_EE_ORIGIN_ICMP = 2;
    static final int SO_EE_ORIGIN_ICMP6 = 3;
    /** sizeof(struct sock_extended_err): errno, origin, type, code, pad, info, data. */
    private static final int EXTENDED_ERR = 16;

    private static final String[] V4_UNREACHABLE = {
        "net unreachable",
        "host unreachable",
        "protocol unreachable",
        "port unreachable",
        "fragmentation needed",
        "source route failed",
        "destination network unknown",
        "destination host unknown",
        "source host isolated",
        "net administratively prohibited",
        "host administratively prohibited",
        "net unreachable for TOS",
        "host unreachable for TOS",
        "communication administratively prohibited",
        "host precedence violation",
        "precedence cutoff"
    };
    private static final String[] V6_UNREACHABLE = {
        "no route to destination",
        "communication administratively prohibited",
        "beyond scope of source address",
        "address unreachable",
        "port unreachable",
        "source address failed ingress/egress policy",
        "reject route to destination"
    };

    /**
     * Reads one error-queue message; null when it is not an ICMP error about an echo request of ours.
     *
     * @param control the control buffer of recvmsg(MSG_ERRQUEUE), {@code controlLength} bytes of it filled
     * @param sizeTBytes sizeof(size_t) of this platform (cmsg_len's width and the alignment of control data)
     * @param payload the returned data: the ICMP header of the request the error is about
     */
    static IcmpError parse(
            byte[] control, int controlLength, int sizeTBytes, byte[] payload, int payloadLength, boolean v6) {
        if (payloadLength < 8) {
            return null;
        }
        int request = payload[0] & 0xFF;
        if (request != (v6 ? IcmpEcho.V6_REQUEST : IcmpEcho.V4_REQUEST)) {
            return null;
        }
        int identifier = (payload[4] & 0xFF) << 8 | payload[5] & 0xFF;
        int sequence = (payload[6] & 0xFF) << 8 | payload[7] & 0xFF;
        ByteBuffer buf = ByteBuffer.wrap(control, 0, Math.min(controlLength, control.length))
                .order(ByteOrder.nativeOrder());
        int header = align(sizeTBytes + 8, sizeTBytes);
        int at = 0;
        while (at + header <= buf.limit()) {
            long length = sizeTBytes == 8 ? buf.getLong(at) : buf.getInt(at) & 0xFFFFFFFFL;
            int level = buf.getInt(at + sizeTBytes);
            int type = buf.getInt(at + sizeTBytes + 4);
            if (length < header || at + length > buf.limit()) {
                return null;
            }
            boolean ours = v6 ? level == SOL_IPV6 && type == IPV6_RECVERR : level == SOL_IP && type == IP_RECVERR;
            if (ours && length - header >= EXTENDED_ERR) {
                int ee = at + header;
                int origin = buf.get(ee + 4) & 0xFF;
                if (origin != (v6 ? SO_EE_ORIGIN_ICMP6 : SO_EE_ORIGIN_ICMP)) {
                    return null;
                }
                int icmpType = buf.get(ee + 5) & 0xFF;
                int icmpCode = buf.get(ee + 6) & 0xFF;
                int offenderLength = (int) length - header - EXTENDED_ERR;
                InetAddress offender = offenderLength > 0
                        ? SockAddr.parse(
                                Arrays.copyOfRange(control, ee + EXTENDED_ERR, ee + EXTENDED_ERR + offenderLength),
                                offenderLength)
                        : null;
                return new IcmpError(identifier, sequence, v6, icmpType, icmpCode, offender);
            }
            at += align((int) length, sizeTBytes);
        }
        return null;
    }

    private static int align(int length, int to) {
        return (length + to - 1) & -to;
    }

    /** The failure reason: what the ICMP message says, with its type and code, and who sent it. */
    String reason() {
        String what = describe();
        return what + (offender == null ? "" : " from " + offender.getHostAddress());
    }

    private String describe() {
        if (!v6 && type == 3) {
            return "ICMP destination unreachable (" + name(V4_UNREACHABLE, code) + ")";
        } else if (!v6 && type == 11) {
            return "ICMP time exceeded (" + (code == 0 ? "TTL exceeded in transit" : "fragment reassembly") + ")";
        } else if (v6 && type == 1) {
            return "ICMPv6 destination unreachable (" + name(V6_UNREACHABLE, code) + ")";
        } else if (v6 && type == 3) {
            return "ICMPv6 time exceeded (" + (code == 0 ? "hop limit exceeded in transit" : "fragment reassembly")
                    + ")";
        } else if (v6 && type == 2) {
            return "ICMPv6 packet too big";
        }
        return (v6 ? "ICMPv6" : "ICMP") + " error type " + type + " code " + code;
    }

    private static String name(String[] names, int code) {
        return code < names.length ? names[code] + ", code " + code : "code " + code;
    }
}
