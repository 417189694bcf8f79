package dev.vigil.agent.vrrp.decode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.vrrp.decode.Rejection.Reason;
import dev.vigil.agent.vrrp.pcap.CaptureFileReader;
import dev.vigil.agent.vrrp.pcap.CapturedFrame;
import dev.vigil.agent.vrrp.testing.ExpectedSummary;
import dev.vigil.agent.vrrp.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shared capture decodes to exactly its EXPECTED.txt section, counts and order of first appearance included. */
class FixtureDecodeTest {
    private final FrameDecoder decoder = new FrameDecoder();

    record Result(ExpectedSummary summary, List<Rejection> rejections, List<CarpAdvert> carp, int frames) {}

    static Result decodeAll(Path file) throws Exception {
        FrameDecoder decoder = new FrameDecoder();
        ExpectedSummary summary = new ExpectedSummary();
        List<Rejection> rejections = new ArrayList<>();
        List<CarpAdvert> carp = new ArrayList<>();
        int frames = 0;
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            for (CapturedFrame f = reader.next(); f != null; f = reader.next()) {
                frames++;
                Decoded d = decoder.decode(f.linkType(), f.data(), f.data().length, f.time());
                if (d instanceof Advert a) {
                    summary.add(a);
                } else if (d instanceof Rejection r) {
                    rejections.add(r);
                } else if (d instanceof CarpAdvert c) {
                    carp.add(c);
                }
            }
        }
        return new Result(summary, rejections, carp, frames);
    }

    private static List<String> expected(String capture) throws Exception {
        List<String> all = Files.readAllLines(Fixtures.vrrpDir().resolve("EXPECTED.txt"), UTF_8);
        List<String> section = ExpectedSummary.section(all, capture);
        assertThat(section).as("EXPECTED.txt section for " + capture).isNotNull();
        return section;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tcpdump_vrrp_routeros-6.10.pcap",
                "generated_keepalived-2.2.7_multicast_v2-v3_ipv4-ipv6.pcap",
                "generated_frr-8.4.4_vrrpd_v2-v3_ipv4-ipv6.pcap"
            })
    void decode_realCapture_matchesExpectedSectionExactly(String capture) throws Exception {
        Result result = decodeAll(Fixtures.capture(capture));

        assertThat(result.summary().lines()).containsExactlyElementsOf(expected(capture));
        assertThat(result.rejections()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.NOT_VRRP));
        assertThat(result.carp()).isEmpty();
    }

    @Test
    void decode_frameRelayFuzzCapture_rejectsEveryFrameAsUnknownLinkType() throws Exception {
        Result result = decodeAll(Fixtures.capture("tcpdump_vrrp-vrrp_print-oobr.pcap"));

        assertThat(expected("tcpdump_vrrp-vrrp_print-oobr.pcap")).isEmpty();
        assertThat(result.frames()).isPositive();
        assertThat(result.summary().lines()).isEmpty();
        assertThat(result.rejections()).hasSize(result.frames()).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(Reason.UNKNOWN_LINK_TYPE);
            assertThat(r.detail()).isEqualTo("link type 107 is not supported");
        });
    }

    /**
     * EXPECTED.txt lists what tcpdump printed for these 10 fuzzed frames (TTL 35, checksums BAD, payloads cut at
     * snaplen 41). An observer must take none of them as an advert: the assertion is one rejection per packet tcpdump
     * counted, each for the first receive check (TTL 35, one frame 34), and no advert at all.
     */
    @Test
    void decode_truncatedFuzzCapture_rejectsEveryPacketTcpdumpPrinted() throws Exception {
        Result result = decodeAll(Fixtures.capture("tcpdump_vrrp-vrrp_print-oobr-2.pcap"));
        int tcpdumpPackets = expected("tcpdump_vrrp-vrrp_print-oobr-2.pcap").stream()
                .mapToInt(l -> Integer.parseInt(l.trim().split("\\s+")[0]))
                .sum();

        assertThat(result.summary().lines()).isEmpty();
        assertThat(result.carp()).isEmpty();
        assertThat(result.rejections()).hasSize(tcpdumpPackets).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(Reason.BAD_TTL);
            assertThat(r.detail()).matches("TTL 3[45], must be 255");
        });
    }
}
