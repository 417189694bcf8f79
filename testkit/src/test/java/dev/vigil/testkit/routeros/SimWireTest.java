package dev.vigil.testkit.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator's codec against the reference vectors of routeros-api.md §1.2, on its own. */
class SimWireTest {

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
    void prefix_referenceVector_roundTrips(long length, String hex) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        assertThat(SimWire.prefix(length)).isEqualTo(bytes);
        assertThat(SimWire.readPrefix(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isEqualTo(length);
    }

    @Test
    void readPrefix_controlByte_refused() {
        assertThatThrownBy(() ->
                        SimWire.readPrefix(new DataInputStream(new ByteArrayInputStream(new byte[] {(byte) 0xF8}))))
                .isInstanceOf(IOException.class)
                .hasMessage("control byte f8");
    }

    @Test
    void sentence_roundTrip_keepsWordsAndSkipsEmptySentences() throws IOException {
        byte[] one = SimWire.sentence(List.of("/interface/vrrp/print", "?name=vrrp1", ".tag=7"));
        byte[] stream = new byte[one.length + 1];
        System.arraycopy(one, 0, stream, 1, one.length);
        assertThat(SimWire.readSentence(new DataInputStream(new ByteArrayInputStream(stream))))
                .containsExactly("/interface/vrrp/print", "?name=vrrp1", ".tag=7");
    }
}
