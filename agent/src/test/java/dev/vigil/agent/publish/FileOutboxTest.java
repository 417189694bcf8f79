package dev.vigil.agent.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileOutboxTest {
    @TempDir
    Path dir;

    private FileOutbox open(OutboxSettings settings) throws IOException {
        return FileOutbox.open(dir, settings, Clock.systemUTC());
    }

    private static OutboxSettings settings(FsyncPolicy fsync) {
        return OutboxSettings.of(1024 * 1024, fsync, Duration.ofMillis(5), 16);
    }

    private static long append(Outbox outbox, String text) throws IOException {
        return outbox.append(seq -> (seq + ":" + text).getBytes(UTF_8));
    }

    private static List<String> drain(Outbox outbox, boolean acknowledge) throws IOException {
        List<String> out = new ArrayList<>();
        try (Outbox.Reader reader = outbox.reader()) {
            List<OutboxRecord> batch;
            while (!(batch = reader.next(7)).isEmpty()) {
                for (OutboxRecord r : batch) {
                    out.add(new String(r.payload(), UTF_8));
                    if (acknowledge) {
                        outbox.acknowledge(r);
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void append_eachPolicy_recordsReadInOrderAndAcknowledgedAway(FsyncPolicy policy) throws Exception {
        try (FileOutbox outbox = open(settings(policy))) {
            for (int i = 0; i < 20; i++) {
                append(outbox, "e" + i);
            }
            List<String> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                read.addAll(drain(outbox, true));
                assertThat(read).hasSize(20);
            });
            assertThat(read).first().isEqualTo("1:e0");
            assertThat(read).last().isEqualTo("20:e19");
            assertThat(outbox.depth()).isZero();
            assertThat(outbox.bytes()).isZero();
        }
    }

    @Test
    void reopen_unacknowledgedRecords_deliveredAgainAndSeqContinues() throws Exception {
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            append(outbox, "a");
            append(outbox, "b");
            try (Outbox.Reader reader = outbox.reader()) {
                outbox.acknowledge(reader.next(1).get(0));
            }
        }
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            assertThat(outbox.depth()).isEqualTo(1);
            assertThat(append(outbox, "c")).isEqualTo(3);
            assertThat(drain(outbox, true)).containsExactly("2:b", "3:c");
        }
    }

    @Test
    void reopen_everythingAcknowledgedAndSegmentsDeleted_seqStillContinues() throws Exception {
        OutboxSettings small = new OutboxSettings(1024 * 1024, FsyncPolicy.ALWAYS, Duration.ofMillis(5), 16, 200);
        try (FileOutbox outbox = open(small)) {
            for (int i = 0; i < 30; i++) {
                append(outbox, "x".repeat(40));
            }
            assertThat(drain(outbox, true)).hasSize(30);
        }
        assertThat(segmentFiles()).hasSize(1);
        try (FileOutbox outbox = open(small)) {
            assertThat(outbox.depth()).isZero();
            assertThat(append(outbox, "next")).isEqualTo(31);
        }
    }

    @Test
    void recovery_tornLastRecord_dropsOnlyThatRecord() throws Exception {
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            append(outbox, "one");
            append(outbox, "two");
            append(outbox, "three");
        }
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        try (var ch = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3);
        }
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            assertThat(outbox.depth()).isEqualTo(2);
            assertThat(append(outbox, "four")).isEqualTo(3);
            assertThat(drain(outbox, false)).containsExactly("1:one", "2:two", "3:four");
        }
    }

    @Test
    void recovery_zeroFilledTail_isCutAndLaterAppendsReadable() throws Exception {
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            append(outbox, "one");
        }
        Path segment = segmentFiles().get(0);
        Files.write(segment, new byte[4096], StandardOpenOption.APPEND);
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            append(outbox, "two");
            assertThat(drain(outbox, false)).containsExactly("1:one", "2:two");
        }
    }

    @Test
    void recovery_corruptedPayloadByte_recordFailsCrcAndIsDropped() throws Exception {
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            append(outbox, "one");
            append(outbox, "two");
        }
        Path segment = segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(segment, bytes);
        try (FileOutbox outbox = open(settings(FsyncPolicy.ALWAYS))) {
            assertThat(drain(outbox, false)).containsExactly("1:one");
        }
    }

    @Test
    void append_overMaxBytes_refusedUntilAcknowledgementFreesRoom() throws Exception {
        OutboxSettings tiny = new OutboxSettings(100, FsyncPolicy.NEVER, Duration.ofMillis(5), 16, 64 * 1024);
        try (FileOutbox outbox = open(tiny)) {
            append(outbox, "x".repeat(30));
            append(outbox, "x".repeat(30));
            assertThatThrownBy(() -> append(outbox, "x".repeat(30)))
                    .isInstanceOf(OutboxFullException.class)
                    .hasMessageContaining("outbox full");
            assertThat(outbox.depth()).isEqualTo(2);
            try (Outbox.Reader reader = outbox.reader()) {
                outbox.acknowledge(reader.next(1).get(0));
            }
            assertThat(append(outbox, "x".repeat(30))).isEqualTo(3);
        }
    }

    @Test
    void batchPolicy_recordsInvisibleUntilGroupCommit() throws Exception {
        OutboxSettings slow = OutboxSettings.of(1024 * 1024, FsyncPolicy.BATCH, Duration.ofMinutes(10), 3);
        try (FileOutbox outbox = open(slow)) {
            append(outbox, "a");
            append(outbox, "b");
            assertThat(drain(outbox, false)).isEmpty();
            append(outbox, "c");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(drain(outbox, false)).containsExactly("1:a", "2:b", "3:c"));
        }
    }

    @Test
    void segments_rollAndAcknowledgedOnesAreDeleted() throws Exception {
        OutboxSettings small = new OutboxSettings(1024 * 1024, FsyncPolicy.NEVER, Duration.ofMillis(5), 16, 256);
        try (FileOutbox outbox = open(small)) {
            for (int i = 0; i < 40; i++) {
                append(outbox, "y".repeat(50));
            }
            assertThat(segmentFiles().size()).isGreaterThan(5);
            assertThat(drain(outbox, true)).hasSize(40);
            assertThat(segmentFiles()).hasSize(1);
        }
    }

    @Test
    void open_directoryAlreadyOpen_refusedWithReason() throws Exception {
        try (FileOutbox first = open(settings(FsyncPolicy.NEVER))) {
            assertThatThrownBy(() -> open(settings(FsyncPolicy.NEVER)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("outbox " + dir)
                    .hasMessageContaining("in use by another agent process");
        }
        try (FileOutbox again = open(settings(FsyncPolicy.NEVER))) {
            assertThat(again.depth()).isZero();
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }
}
