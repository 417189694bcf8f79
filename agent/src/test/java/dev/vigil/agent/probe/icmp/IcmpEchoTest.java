package dev.vigil.agent.probe.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IcmpEchoTest {
    @Test
    void request_v4_hasTypeIdSequenceAndValidChecksum() {
        byte[] p = IcmpEcho.request(false, 0x1234, 0xABCD);
        assertThat(p[0]).isEqualTo((byte) 8);
        assertThat(p[4]).isEqualTo((byte) 0x12);
        assertThat(p[7]).isEqualTo((byte) 0xCD);
        assertThat(IcmpEcho.checksum(p, 0, p.length)).isZero();
    }

    @Test
    void request_v6_hasType128AndLeavesChecksumToKernel() {
        byte[] p = IcmpEcho.request(true, 1, 2);
        assertThat(p[0] & 0xFF).isEqualTo(128);
        assertThat(p[2]).isZero();
        assertThat(p[3]).isZero();
    }

    @Test
    void parseReply_pingSocketV4Reply_readsSequence() {
        byte[] p = IcmpEcho.request(false, 7, 513);
        p[0] = 0;
        assertThat(IcmpEcho.parseReply(p, p.length, false, false)).isEqualTo(new IcmpEcho.Reply(7, 513));
    }

    @Test
    void parseReply_rawV4WithIpHeader_skipsHeader() {
        byte[] icmp = IcmpEcho.request(false, 7, 9);
        icmp[0] = 0;
        byte[] packet = new byte[24 + icmp.length];
        packet[0] = 0x46; // IPv4, IHL 6 words (with options)
        System.arraycopy(icmp, 0, packet, 24, icmp.length);
        assertThat(IcmpEcho.parseReply(packet, packet.length, false, true)).isEqualTo(new IcmpEcho.Reply(7, 9));
    }

    @Test
    void parseReply_echoRequestOrTruncated_isIgnored() {
        byte[] request = IcmpEcho.request(false, 7, 9);
        assertThat(IcmpEcho.parseReply(request, request.length, false, false)).isNull();
        assertThat(IcmpEcho.parseReply(new byte[] {0, 0, 0}, 3, false, false)).isNull();
        assertThat(IcmpEcho.parseReply(new byte[] {0x45, 0}, 2, false, true)).isNull();
    }

    @Test
    void parseReply_v6Reply_readsSequence() {
        byte[] p = IcmpEcho.request(true, 3, 4);
        p[0] = (byte) 129;
        assertThat(IcmpEcho.parseReply(p, p.length, true, false)).isEqualTo(new IcmpEcho.Reply(3, 4));
    }
}
