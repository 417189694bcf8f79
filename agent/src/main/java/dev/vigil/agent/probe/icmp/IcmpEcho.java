package dev.vigil.agent.probe.icmp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes ICMP/ICMPv6 echo requests and reads echo replies (RFC 792, RFC 4443 §4). */
final class IcmpEcho {
    static final int V4_REQUEST = 8;
    static final int V4_REPLY = 0;
    static final int V6_REQUEST = 128;
    static final int V6_REPLY = 129;
    private static final byte[] PAYLOAD = "vigil-agent probe".getBytes(StandardCharsets.US_ASCII);

    /** An echo reply's identifier and sequence number. */
    record Reply(int identifier, int sequence) {}

    private IcmpEcho() {}

    static byte[] request(boolean v6, int identifier, int sequence) {
        ByteBuffer buf = ByteBuffer.allocate(8 + PAYLOAD.length);
        buf.put((byte) (v6 ? V6_REQUEST : V4_REQUEST)).put((byte) 0).putShort((short) 0);
        buf.putShort((short) identifier).putShort((short) sequence).put(PAYLOAD);
        byte[] packet = buf.array();
        if (!v6) { // ICMPv6 checksums need the pseudo-header; the kernel fills them in for both socket kinds
            int sum = checksum(packet, 0, packet.length);
            packet[2] = (byte) (sum >> 8);
            packet[3] = (byte) sum;
        }
        return packet;
    }

    /**
     * Reads an echo reply from what a socket returned; null for anything else (other ICMP types, truncated data).
     *
     * @param withIpHeader true for raw IPv4 sockets, which deliver the IP header too
     */
    static Reply parseReply(byte[] data, int length, boolean v6, boolean withIpHeader) {
        int offset = 0;
        if (withIpHeader) {
            if (length < 20 || (data[0] >> 4 & 0xF) != 4) {
                return null;
            }
            offset = (data[0] & 0xF) * 4;
        }
        if (length - offset < 8) {
            return null;
        }
        int type = data[offset] & 0xFF;
        if (type != (v6 ? V6_REPLY : V4_REPLY)) {
            return null;
        }
        int identifier = (data[offset + 4] & 0xFF) << 8 | data[offset + 5] & 0xFF;
        int sequence = (data[offset + 6] & 0xFF) << 8 | data[offset + 7] & 0xFF;
        return new Reply(identifier, sequence);
    }

    static int checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length - 1; i += 2) {
            sum += (data[i] & 0xFF) << 8 | data[i + 1] & 0xFF;
        }
        if (length % 2 == 1) {
            sum += (data[offset + length - 1] & 0xFF) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
