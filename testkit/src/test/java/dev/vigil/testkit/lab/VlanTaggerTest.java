package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VlanTaggerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void tag_vrrpFrame_insertsTpidAndVlanAfterTheMacs() {
        byte[] frame = HEX.parseHex("01005e000012" + "00005e000101" + "0800" + "4500");
        byte[] tagged = VlanTagger.tag(frame, frame.length, 100);
        assertThat(HEX.formatHex(tagged))
                .isEqualTo("01005e000012" + "00005e000101" + "8100" + "0064" + "0800" + "4500");
    }

    @Test
    void tag_highestVlan_twelveBitsPriorityZero() {
        byte[] frame = new byte[14];
        byte[] tagged = VlanTagger.tag(frame, frame.length, 4094);
        assertThat(tagged).hasSize(18);
        assertThat(HEX.formatHex(tagged, 12, 16)).isEqualTo("81000ffe");
    }

    @Test
    void tag_onlyTheReceivedLengthIsCopied() {
        byte[] buffer = new byte[100];
        assertThat(VlanTagger.tag(buffer, 60, 1)).hasSize(64);
    }
}
