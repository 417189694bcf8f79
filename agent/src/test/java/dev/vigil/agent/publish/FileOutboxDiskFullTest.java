package dev.vigil.agent.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a 256 KB tmpfs: the disk fills up long before max_bytes. */
class FileOutboxDiskFullTest {
    @TempDir
    Path mount;

    @BeforeEach
    void mountTinyDisk() throws Exception {
        Prerequisites.requireRoot("the full-disk test mounts a tmpfs");
        run("mount", "-t", "tmpfs", "-o", "size=256k", "vigil-test-tmpfs", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        try {
            run("umount", mount.toString());
        } catch (IOException busy) {
            run("umount", "-l", mount.toString()); // never leave the mount behind, then fail
            throw busy;
        }
    }

    @Test
    void sink_diskFull_refusesCountsKeepsAcceptedAndReportsOnceSpaceReturns() throws Exception {
        OutboxSettings settings =
                new OutboxSettings(16L * 1024 * 1024, FsyncPolicy.NEVER, Duration.ofMillis(5), 16, 32 * 1024);
        try (FileOutbox outbox = FileOutbox.open(mount.resolve("outbox"), settings, Clock.systemUTC())) {
            OutboxSink sink = new OutboxSink("disk-site", outbox, Clock.systemUTC());
            int offered = 0;
            while (sink.dropped() < 5) {
                sink.accept(new Observation(
                        Instant.now(),
                        "check.failed",
                        Severity.WARNING,
                        "check/c" + offered,
                        Json.object().put("error", "x".repeat(2_000))));
                offered++;
                assertThat(offered).as("the disk never filled up").isLessThan(1_000);
            }
            long accepted = sink.accepted();
            assertThat(outbox.depth()).isEqualTo(accepted);

            List<String> subjects = new ArrayList<>();
            try (Outbox.Reader reader = outbox.reader()) {
                for (OutboxRecord r : reader.next(Integer.MAX_VALUE)) {
                    subjects.add(new WireCodec().decodeEvent(r.payload()).subject());
                    outbox.acknowledge(r);
                }
            }
            assertThat(subjects)
                    .hasSize((int) accepted)
                    .startsWith("check/c0", "check/c1")
                    .endsWith("check/c" + (accepted - 1));

            sink.accept(new Observation(Instant.now(), "wan.up", Severity.INFO, "wan/w1", Json.object()));
            try (Outbox.Reader reader = outbox.reader()) {
                List<OutboxRecord> after = reader.next(10);
                assertThat(after)
                        .extracting(r -> new String(r.payload(), UTF_8))
                        .first()
                        .asString()
                        .contains("agent.outbox_dropped")
                        .contains("\"dropped\":5");
                assertThat(new String(after.get(1).payload(), UTF_8)).contains("wan.up");
            }
        }
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
    }
}
