package dev.vigil.agent.vrrp.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.vrrp.decode.Rejection.Reason;
import dev.vigil.agent.vrrp.testing.AdvertFrame;
import dev.vigil.agent.vrrp.testing.AdvertFrame.Checksum;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FrameDecoderTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final FrameDecoder decoder = new FrameDecoder();

    private Decoded decode(byte[] frame) {
        return decoder.decode(LinkType.ETHERNET, frame, frame.length, T);
    }

    private Advert advert(AdvertFrame frame) {
        Decoded d = decode(frame.build());
        assertThat(d).isInstanceOf(Advert.class);
        return (Advert) d;
    }

    private Rejection rejection(byte[] frame) {
        Decoded d = decode(frame);
        assertThat(d).isInstanceOf(Rejection.class);
        return (Rejection) d;
    }

    @Test
    void decode_v2WithSimpleAuth_reportsSimpleAndNeverThePassword() {
        byte[] pass = Arrays.copyOf("secret12".getBytes(StandardCharsets.US_ASCII), 8);
        Advert a = advert(AdvertFrame.v2().vrid(11).priority(150).auth(1, pass).address("192.0.2.20"));

        assertThat(a.auth()).isEqualTo("simple");
        assertThat(a.toString()).doesNotContain("secret12");
        assertThat(a.version()).isEqualTo(2);
        assertThat(a.vrid()).isEqualTo(11);
        assertThat(a.priority()).isEqualTo(150);
        assertThat(a.intervalMs()).isEqualTo(1000);
        assertThat(a.addresses()).containsExactly("192.0.2.20");
        assertThat(a.checksum()).isEqualTo(ChecksumForm.MSG);
        assertThat(a.source()).isEqualTo("192.0.2.11");
        assertThat(a.multicast()).isTrue();
    }

    @Test
    void decode_v2InsideAh_reportsAuthAh() {
        Advert a = advert(AdvertFrame.v2().auth(2, new byte[8]).ah(true));

        assertThat(a.auth()).isEqualTo("ah");
        assertThat(a.version()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(
            value = Checksum.class,
            names = {"MSG", "PSEUDO", "PSEUDO_GROUP"})
    void decode_v3Ipv4EveryChecksumForm_acceptedAndRecorded(Checksum form) {
        Advert a = advert(AdvertFrame.v3().destination("192.0.2.12").checksum(form));

        assertThat(a.checksum().name()).isEqualTo(form.name());
        assertThat(a.multicast()).isFalse();
        assertThat(a.destination()).isEqualTo("192.0.2.12");
    }

    @Test
    void decode_v3Ipv6_pseudoHeaderChecksumAndCompressedAddresses() {
        Advert a = advert(
                AdvertFrame.v3ipv6().source("fe80::1:0:0:2").address("fe80::30").address("2001:db8:1::30"));

        assertThat(a.family()).isEqualTo(Family.IPv6);
        assertThat(a.source()).isEqualTo("fe80::1:0:0:2");
        assertThat(a.addresses()).containsExactly("fe80::30", "2001:db8:1::30");
        assertThat(a.checksum()).isEqualTo(ChecksumForm.PSEUDO);
        assertThat(a.auth()).isEqualTo("-");
    }

    @Test
    void decode_v3Ipv6MessageOnlyChecksum_rejected() {
        Rejection r = rejection(AdvertFrame.v3ipv6().checksum(Checksum.MSG).build());

        assertThat(r.reason()).isEqualTo(Reason.BAD_CHECKSUM);
        assertThat(r.detail()).startsWith("VRRPv3 checksum 0x").endsWith(" matches no known form");
    }

    @Test
    void decode_qinqTagged_keepsInnermostVlan() {
        Advert a = advert(AdvertFrame.v3().vlan(100).vlan(42));

        assertThat(a.vlan()).isEqualTo(42);
    }

    @Test
    void decode_paddedFrame_usesIpLengthNotFrameLength() {
        Advert a = advert(AdvertFrame.v2().padTo(60));

        assertThat(a.addresses()).hasSize(1);
    }

    @Test
    void decode_ttl64_rejectedWithTtl() {
        Rejection r = rejection(AdvertFrame.v3().ttl(64).build());

        assertThat(r.reason()).isEqualTo(Reason.BAD_TTL);
        assertThat(r.detail()).isEqualTo("TTL 64, must be 255");
        assertThat(r.source()).isEqualTo("192.0.2.11");
    }

    @Test
    void decode_hopLimit1_rejected() {
        assertThat(rejection(AdvertFrame.v3ipv6().ttl(1).build()).detail()).isEqualTo("hop limit 1, must be 255");
    }

    @Test
    void decode_maxAdverIntZero_rejected() {
        Rejection r = rejection(AdvertFrame.v3().interval(0).build());

        assertThat(r.reason()).isEqualTo(Reason.ZERO_INTERVAL);
        assertThat(r.detail()).isEqualTo("Max Adver Int 0");
        assertThat(r.vrid()).isEqualTo(10);
    }

    @Test
    void decode_truncatedCapture_rejectedWithCapturedLength() {
        Rejection r = rejection(AdvertFrame.v2().truncateVrrpBy(6).build());

        assertThat(r.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(r.detail()).isEqualTo("captured 14 of 20 VRRP bytes");
    }

    @Test
    void decode_unknownVersion_rejected() {
        Rejection r = rejection(AdvertFrame.v3().version(15).build());

        assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_VERSION);
        assertThat(r.detail()).isEqualTo("version 15");
    }

    @Test
    void decode_unknownType_rejected() {
        Rejection r = rejection(AdvertFrame.v3().type(2).build());

        assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(r.detail()).isEqualTo("type 2, only 1 (advertisement) exists");
    }

    @Test
    void decode_v2OverIpv6_rejectedAsUnknownVersion() {
        assertThat(rejection(AdvertFrame.v2().ipv6(true).build()).detail()).isEqualTo("VRRPv2 is IPv4 only");
    }

    @Test
    void decode_addressCountAboveMessage_rejected() {
        Rejection r = rejection(AdvertFrame.v3().count(3).build());

        assertThat(r.reason()).isEqualTo(Reason.ADDRESS_COUNT_MISMATCH);
        assertThat(r.detail()).isEqualTo("3 addresses need 20 bytes, message has 12");
    }

    /** 224.0.0.18 from 192.0.2.11, VRID 10, priority 100, valid checksums: only the address count is wrong. */
    @ParameterizedTest
    @CsvSource({
        "01005e00001200005e00010a080045c0001c00000000ff701894c000020be0000012310a64000064c7fa, Count IPvX Addr",
        "01005e00001200005e00010a080045c0002400000000ff70188cc000020be0000012210a640000017af40000000000000000,"
                + " Count IP Addrs"
    })
    void decode_addressCountZero_rejectedAsNoAddresses(String hex, String field) {
        Rejection r = rejection(HexFormat.of().parseHex(hex));

        assertThat(r.reason()).isEqualTo(Reason.NO_ADDRESSES);
        assertThat(r.reason().wireName()).isEqualTo("no_addresses");
        assertThat(r.detail()).isEqualTo(field + " 0, at least 1 virtual address is required");
        assertThat(r.vrid()).isEqualTo(10);
        assertThat(r.source()).isEqualTo("192.0.2.11");
    }

    @Test
    void decode_badV2Checksum_rejected() {
        Rejection r = rejection(AdvertFrame.v2().checksum(Checksum.BAD).build());

        assertThat(r.reason()).isEqualTo(Reason.BAD_CHECKSUM);
        assertThat(r.detail()).startsWith("VRRPv2 checksum 0x");
    }

    @Test
    void decode_carpLayout_reportedAsCarpNotVrrp() {
        AdvertFrame carp = AdvertFrame.v2().vrid(5).priority(0).count(7);
        for (int i = 0; i < 5; i++) {
            carp.address("192.0.2." + (100 + i));
        }
        Decoded d = decode(carp.build());

        assertThat(d).isInstanceOf(CarpAdvert.class);
        assertThat(((CarpAdvert) d).vhid()).isEqualTo(5);
    }

    @Test
    void decode_unknownLinkType_rejected() {
        byte[] frame = AdvertFrame.v2().build();
        Rejection r = (Rejection) decoder.decode(LinkType.FRAME_RELAY, frame, frame.length, T);

        assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_LINK_TYPE);
        assertThat(r.detail()).isEqualTo("link type 107 is not supported");
    }

    @Test
    void decode_rawIpLinkType_decodes() {
        byte[] frame = AdvertFrame.v3().padTo(0).build();
        byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);

        assertThat(decoder.decode(LinkType.RAW, ip, ip.length, T)).isInstanceOf(Advert.class);
    }

    @Test
    void decode_linuxCookedCapture_decodes() {
        byte[] frame = AdvertFrame.v3().padTo(0).build();
        byte[] sll = new byte[16 + frame.length - 14];
        sll[5] = 6;
        System.arraycopy(frame, 6, sll, 6, 6);
        sll[14] = 8;
        System.arraycopy(frame, 14, sll, 16, frame.length - 14);

        Advert a = (Advert) decoder.decode(LinkType.LINUX_SLL, sll, sll.length, T);
        assertThat(a.sourceMac()).isEqualTo("00:00:5e:00:01:0a");
    }

    @Test
    void decode_arp_notVrrp() {
        byte[] arp = new byte[42];
        arp[12] = 8;
        arp[13] = 6;

        Rejection r = rejection(arp);
        assertThat(r.reason()).isEqualTo(Reason.NOT_VRRP);
        assertThat(r.detail()).isEqualTo("ethertype 0x806");
    }

    @Test
    void decode_everyPrefixOfAFrame_neverThrows() {
        byte[] frame = AdvertFrame.v3ipv6()
                .vlan(7)
                .address("fe80::30")
                .address("2001:db8::30")
                .build();
        for (int len = 0; len <= frame.length; len++) {
            assertThat(decoder.decode(LinkType.ETHERNET, Arrays.copyOf(frame, len), len, T))
                    .isNotNull();
        }
    }
}
