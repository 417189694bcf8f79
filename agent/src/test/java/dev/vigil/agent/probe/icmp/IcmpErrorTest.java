package dev.vigil.agent.probe.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IcmpErrorTest {
    /** Our echo request as the error queue returns it: type 8, code 0, checksum, identifier 0x1234, sequence 7. */
    private static final byte[] V4_REQUEST = {8, 0, 0x11, 0x22, 0x12, 0x34, 0, 7, 'v', 'i'};

    private static final byte[] V6_REQUEST = {(byte) 128, 0, 0, 0, 0x12, 0x34, 0, 9};

    /**
     * One cmsghdr (cmsg_len of sizeT bytes, level, type) aligned to sizeT, then sock_extended_err and the offender.
     */
    private static byte[] control(int sizeT, int level, int cmsgType, int origin, int type, int code, byte[] offender) {
        int header = (sizeT + 8 + sizeT - 1) / sizeT * sizeT;
        int length = header + 16 + offender.length;
        ByteBuffer b = ByteBuffer.allocate(length + 8).order(ByteOrder.nativeOrder());
        if (sizeT == 8) {
            b.putLong(length);
        } else {
            b.putInt(length);
        }
        b.putInt(level).putInt(cmsgType);
        b.position(header);
        b.putInt(113).put((byte) origin).put((byte) type).put((byte) code).put((byte) 0);
        b.putInt(0).putInt(0).put(offender);
        return b.array();
    }

    private static byte[] sockaddrIn(int a, int b, int c, int d) {
        ByteBuffer buf = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putShort((short) 2);
        buf.order(ByteOrder.BIG_ENDIAN).putShort((short) 0).put(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        return buf.array();
    }

    private static byte[] sockaddrIn6(byte last) {
        ByteBuffer buf = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder()).putShort((short) 10);
        buf.putShort((short) 0).putInt(0);
        buf.put(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last});
        return buf.array();
    }

    private static IcmpError v4(byte[] control) {
        return IcmpError.parse(control, control.length, 8, V4_REQUEST, V4_REQUEST.length, false);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "3 | 0 | ICMP destination unreachable (net unreachable, code 0) from 198.51.100.2",
                "3 | 1 | ICMP destination unreachable (host unreachable, code 1) from 198.51.100.2",
                "3 | 3 | ICMP destination unreachable (port unreachable, code 3) from 198.51.100.2",
                "3 | 10 | ICMP destination unreachable (host administratively prohibited, code 10) from 198.51.100.2",
                "3 | 13 | ICMP destination unreachable (communication administratively prohibited, code 13) from"
                        + " 198.51.100.2",
                "3 | 77 | ICMP destination unreachable (code 77) from 198.51.100.2",
                "11 | 0 | ICMP time exceeded (TTL exceeded in transit) from 198.51.100.2",
                "11 | 1 | ICMP time exceeded (fragment reassembly) from 198.51.100.2",
                "12 | 0 | ICMP error type 12 code 0 from 198.51.100.2",
            })
    void parse_v4ErrorOn64Bit_reasonNamesTypeCodeAndSender(int type, int code, String reason) {
        IcmpError e = v4(control(8, 0, 11, 2, type, code, sockaddrIn(198, 51, 100, 2)));
        assertThat(e.sequence()).isEqualTo(7);
        assertThat(e.identifier()).isEqualTo(0x1234);
        assertThat(e.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void parse_v4ErrorOnEitherWordSize_sameResult(int sizeT) {
        byte[] control = control(sizeT, 0, 11, 2, 3, 1, sockaddrIn(203, 0, 113, 9));
        IcmpError e = IcmpError.parse(control, control.length, sizeT, V4_REQUEST, V4_REQUEST.length, false);
        assertThat(e.reason()).isEqualTo("ICMP destination unreachable (host unreachable, code 1) from 203.0.113.9");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1 | 0 | ICMPv6 destination unreachable (no route to destination, code 0) from 2001:db8:0:0:0:0:0:2",
                "1 | 1 | ICMPv6 destination unreachable (communication administratively prohibited, code 1) from"
                        + " 2001:db8:0:0:0:0:0:2",
                "1 | 3 | ICMPv6 destination unreachable (address unreachable, code 3) from 2001:db8:0:0:0:0:0:2",
                "3 | 0 | ICMPv6 time exceeded (hop limit exceeded in transit) from 2001:db8:0:0:0:0:0:2",
                "2 | 0 | ICMPv6 packet too big from 2001:db8:0:0:0:0:0:2",
            })
    void parse_v6Error_reasonNamesTypeCodeAndSender(int type, int code, String reason) {
        byte[] control = control(8, 41, 25, 3, type, code, sockaddrIn6((byte) 2));
        IcmpError e = IcmpError.parse(control, control.length, 8, V6_REQUEST, V6_REQUEST.length, true);
        assertThat(e.sequence()).isEqualTo(9);
        assertThat(e.reason()).isEqualTo(reason);
    }

    @org.junit.jupiter.api.Test
    void parse_noOffender_reasonWithoutSender() {
        assertThat(v4(control(8, 0, 11, 2, 3, 1, new byte[0])).reason())
                .isEqualTo("ICMP destination unreachable (host unreachable, code 1)");
    }

    @org.junit.jupiter.api.Test
    void parse_localOrigin_isNotAnIcmpError() {
        assertThat(v4(control(8, 0, 11, 1, 0, 0, sockaddrIn(0, 0, 0, 0)))).isNull();
    }

    @org.junit.jupiter.api.Test
    void parse_otherControlMessage_ignored() {
        assertThat(v4(control(8, 0, 8, 2, 3, 1, sockaddrIn(198, 51, 100, 2)))).isNull();
    }

    @org.junit.jupiter.api.Test
    void parse_payloadNotOurEchoRequest_ignored() {
        byte[] control = control(8, 0, 11, 2, 3, 1, sockaddrIn(198, 51, 100, 2));
        byte[] reply = {0, 0, 0, 0, 0x12, 0x34, 0, 7};
        assertThat(IcmpError.parse(control, control.length, 8, reply, reply.length, false))
                .isNull();
        assertThat(IcmpError.parse(control, control.length, 8, V4_REQUEST, 7, false))
                .isNull();
    }

    @org.junit.jupiter.api.Test
    void parse_controlCutShortOrLyingLength_ignored() {
        byte[] control = control(8, 0, 11, 2, 3, 1, sockaddrIn(198, 51, 100, 2));
        assertThat(IcmpError.parse(control, 20, 8, V4_REQUEST, V4_REQUEST.length, false))
                .isNull();
        ByteBuffer.wrap(control).order(ByteOrder.nativeOrder()).putLong(0, 4096);
        assertThat(v4(control)).isNull();
        ByteBuffer.wrap(control).order(ByteOrder.nativeOrder()).putLong(0, 3);
        assertThat(v4(control)).isNull();
    }
}
