package dev.vigil.agent.vrrp.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.vrrp.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureFileReaderTest {
    private static List<CapturedFrame> readAll(CaptureFileReader reader) throws Exception {
        List<CapturedFrame> frames = new ArrayList<>();
        for (CapturedFrame f = reader.next(); f != null; f = reader.next()) {
            frames.add(f);
        }
        return frames;
    }

    private static byte[] block(ByteOrder order, int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + padded).order(order);
        b.putInt(type).putInt(12 + padded).put(body).position(8 + padded);
        b.putInt(12 + padded);
        return b.array();
    }

    /** The same packets as pcapng: SHB, IDB with if_tsresol = 9 (nanoseconds), one EPB per packet. */
    private static byte[] asPcapng(List<CapturedFrame> frames, ByteOrder order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(block(
                order,
                0x0a0d0d0a,
                ByteBuffer.allocate(16)
                        .order(order)
                        .putInt(0x1a2b3c4d)
                        .putShort((short) 1)
                        .putShort((short) 0)
                        .putLong(-1)
                        .array()));
        out.writeBytes(block(
                order,
                1,
                ByteBuffer.allocate(20)
                        .order(order)
                        .putShort((short) 1)
                        .putShort((short) 0)
                        .putInt(0)
                        .putShort((short) 9)
                        .putShort((short) 1)
                        .put((byte) 9)
                        .put(new byte[3])
                        .putInt(0)
                        .array()));
        for (CapturedFrame f : frames) {
            long nanos = f.time().getEpochSecond() * 1_000_000_000L + f.time().getNano();
            ByteBuffer epb = ByteBuffer.allocate(20 + f.data().length).order(order);
            epb.putInt(0)
                    .putInt((int) (nanos >>> 32))
                    .putInt((int) nanos)
                    .putInt(f.data().length)
                    .putInt(f.wireLength())
                    .put(f.data());
            out.writeBytes(block(order, 6, epb.array()));
        }
        return out.toByteArray();
    }

    @Test
    void read_pcapngEitherByteOrder_sameFramesAsThePcap() throws Exception {
        List<CapturedFrame> pcap;
        try (CaptureFileReader r =
                CaptureFileReader.open(Fixtures.capture("generated_keepalived-2.2.7_multicast_v2-v3_ipv4-ipv6.pcap"))) {
            pcap = readAll(r);
        }
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            List<CapturedFrame> ng =
                    readAll(CaptureFileReader.open("x.pcapng", new ByteArrayInputStream(asPcapng(pcap, order))));

            assertThat(ng).hasSameSizeAs(pcap);
            for (int i = 0; i < pcap.size(); i++) {
                assertThat(ng.get(i).time()).isEqualTo(pcap.get(i).time());
                assertThat(ng.get(i).data()).isEqualTo(pcap.get(i).data());
                assertThat(ng.get(i).linkType()).isEqualTo(1);
            }
        }
    }

    @Test
    void open_notACapture_namesTheFile() {
        assertThatThrownBy(() -> CaptureFileReader.open(
                        "notes.txt",
                        new ByteArrayInputStream("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
                .isInstanceOf(CaptureFileException.class)
                .hasMessage("notes.txt: not a pcap or pcapng file (magic 0x68656c6c)");
    }

    @Test
    void next_recordLengthAbsurd_damagedWithOffset() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        b.putInt(0).putInt(0).putInt(Integer.MAX_VALUE).putInt(60);
        CaptureFileReader r = CaptureFileReader.open("bad.pcap", new ByteArrayInputStream(b.array()));

        assertThatThrownBy(r::next).hasMessage("bad.pcap: damaged at byte 40: record length 2147483647");
    }

    private static List<CapturedFrame> keepalivedFrames() throws Exception {
        try (CaptureFileReader r =
                CaptureFileReader.open(Fixtures.capture("generated_keepalived-2.2.7_multicast_v2-v3_ipv4-ipv6.pcap"))) {
            return readAll(r);
        }
    }

    @Test
    void read_pcapngWithUnknownAndCustomBlocks_skipsThemAndReadsEveryFrame() throws Exception {
        List<CapturedFrame> pcap = keepalivedFrames();
        byte[] ng = asPcapng(pcap, ByteOrder.LITTLE_ENDIAN);
        int afterInterface = 28 + 32; // SHB with no options, then the IDB of asPcapng
        ByteArrayOutputStream withUnknown = new ByteArrayOutputStream();
        withUnknown.write(ng, 0, afterInterface);
        withUnknown.writeBytes(block(ByteOrder.LITTLE_ENDIAN, 0x00000bad, new byte[] {1, 2, 3, 4, 5}));
        withUnknown.writeBytes(block(ByteOrder.LITTLE_ENDIAN, 0x40000bad, new byte[] {0, 0, 0x7e, 0x57, 9, 9}));
        withUnknown.write(ng, afterInterface, ng.length - afterInterface);

        List<CapturedFrame> read =
                readAll(CaptureFileReader.open("unknown.pcapng", new ByteArrayInputStream(withUnknown.toByteArray())));

        assertThat(read).hasSameSizeAs(pcap);
        assertThat(read.get(read.size() - 1).data())
                .isEqualTo(pcap.get(pcap.size() - 1).data());
    }

    @Test
    void next_fileCutInsideARecord_damagedAtThatByte() throws Exception {
        byte[] whole =
                Files.readAllBytes(Fixtures.capture("generated_keepalived-2.2.7_multicast_v2-v3_ipv4-ipv6.pcap"));
        CaptureFileReader r =
                CaptureFileReader.open("cut.pcap", new ByteArrayInputStream(Arrays.copyOf(whole, 10_000)));

        assertThatThrownBy(() -> readAll(r))
                .isInstanceOf(java.io.EOFException.class)
                .hasMessageStartingWith("cut.pcap: file ends inside a record at byte ");
    }
}
