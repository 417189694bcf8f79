package dev.vigil.agent.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testkit.routeros.SimWire;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordCodecTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7F",
        "128, 8080",
        "130, 8082",
        "135, 8087",
        "16383, BFFF",
        "16384, C04000",
        "17185, C04321",
        "2097140, DFFFF4",
        "2097151, DFFFFF",
        "2097152, E0200000",
        "2805231, E02ACDEF",
        "268435440, EFFFFFF0",
        "268435455, EFFFFFFF",
        "268435456, F010000000",
        "268435584, F010000080"
    })
    void encodeLength_referenceVector_matchesBytesAndSimulatorAgrees(long length, String hex) throws Exception {
        byte[] expected = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        assertThat(WordCodec.encodeLength(length)).isEqualTo(expected);
        assertThat(SimWire.prefix(length)).isEqualTo(expected);
        assertThat(WordCodec.readLength(new ByteArrayInputStream(expected))).isEqualTo(length);
        assertThat(SimWire.readPrefix(new DataInputStream(new ByteArrayInputStream(expected))))
                .isEqualTo(length);
    }

    @Test
    void encodeSentence_loginWithEmptyPassword_matchesReferenceBytes() {
        byte[] expected = HexFormat.of()
                .parseHex("062f6c6f67696e" + "0b3d6e616d653d61646d696e" + "0a3d70617373776f72643d" + "00");
        assertThat(WordCodec.encodeSentence(List.of("/login", "=name=admin", "=password=")))
                .isEqualTo(expected);
        assertThat(SimWire.sentence(List.of("/login", "=name=admin", "=password=")))
                .isEqualTo(expected);
    }

    @Test
    void encodeSentence_multibyteText_countsBytesNotCharacters() throws Exception {
        byte[] sentence = WordCodec.encodeSentence(List.of("=comment=café"));
        assertThat(sentence[0]).isEqualTo((byte) 14);
        assertThat(WordCodec.readSentence(new ByteArrayInputStream(sentence))).containsExactly("=comment=café");
    }

    @ParameterizedTest
    @CsvSource({"F8", "FC", "FF"})
    void readLength_reservedControlByte_failsWithProtocolError(String hex) {
        assertThatThrownBy(() -> WordCodec.readLength(
                        new ByteArrayInputStream(HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)))))
                .isInstanceOf(RouterOsException.class)
                .hasMessageContaining("reserved control byte 0x" + hex.toLowerCase(java.util.Locale.ROOT))
                .extracting(e -> ((RouterOsException) e).kind())
                .isEqualTo(RouterOsException.Kind.PROTOCOL);
    }

    @Test
    void readWord_fiveByteLengthAboveCap_refusedBeforeReading() {
        byte[] bytes = HexFormat.of().parseHex("f010000000" + "2172");
        assertThatThrownBy(() -> WordCodec.readWord(new ByteArrayInputStream(bytes)))
                .isInstanceOf(RouterOsException.class)
                .hasMessage("word of 268435456 bytes exceeds the limit of 1048576 bytes");
    }

    @Test
    void readWord_streamEndsInsideWord_failsWithEof() {
        byte[] bytes = HexFormat.of().parseHex("05212172");
        assertThatThrownBy(() -> WordCodec.readWord(new ByteArrayInputStream(bytes)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("middle of a word");
    }

    @Test
    void readSentence_emptySentencesBetween_skipped() throws Exception {
        byte[] bytes = HexFormat.of().parseHex("0000" + "03" + "21726500");
        assertThat(WordCodec.readSentence(new ByteArrayInputStream(bytes))).containsExactly("!re");
    }
}
