package dev.vigil.agent.vrrp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.print.CaptureSession;
import dev.vigil.agent.vrrp.testing.AdvertFrame;
import dev.vigil.testkit.Prerequisites;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay of a 1,000,000-advert pcap against {@code tcpdump -nn -v -r} of the same file, in the same run. */
@Tag("bench")
class DecodeThroughputBench {
    private static final int ADVERTS = 1_000_000;

    @TempDir
    Path dir;

    static void writePcap(Path file, int count) throws Exception {
        byte[][] frames = {
            AdvertFrame.v3()
                    .vrid(20)
                    .source("192.0.2.12")
                    .priority(100)
                    .interval(50)
                    .build(),
            AdvertFrame.v2().vrid(10).source("192.0.2.12").build(),
            AdvertFrame.v3ipv6()
                    .vrid(30)
                    .source("fe80::1")
                    .address("fe80::30")
                    .address("2001:db8::30")
                    .build(),
            AdvertFrame.v3()
                    .vrid(40)
                    .vlan(100)
                    .source("192.0.2.13")
                    .priority(200)
                    .build(),
        };
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.writeInt(0xa1b2c3d4);
            out.writeShort(2);
            out.writeShort(4);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(65535);
            out.writeInt(1);
            long micros = 1_767_225_600_000_000L;
            for (int i = 0; i < count; i++) {
                byte[] f = frames[i % frames.length];
                micros += 1000;
                out.writeInt((int) (micros / 1_000_000));
                out.writeInt((int) (micros % 1_000_000));
                out.writeInt(f.length);
                out.writeInt(f.length);
                out.write(f);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double replay(Path file, boolean adverts) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        long t0 = System.nanoTime();
        int code = CaptureSession.run(PacketSource.file(file), "bench0", false, adverts, discard, discard);
        assertThat(code).isZero();
        return seconds(t0);
    }

    @Test
    void replay_millionAdverts_fasterThanTcpdump() throws Exception {
        Path tcpdump = Prerequisites.requireCommand("tcpdump", "tcpdump");
        Path file = dir.resolve("million.pcap");
        writePcap(file, ADVERTS);
        replay(file, false); // warm-up

        double judge = replay(file, false);
        double print = replay(file, true);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(tcpdump.toString(), "-nn", "-v", "-r", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        double tcp = seconds(t0);

        System.out.printf(
                Locale.ROOT,
                "%-40s %10s %14s %8s%n",
                "decode throughput (1e6 adverts)",
                "seconds",
                "adverts/s",
                "ratio");
        System.out.printf(
                Locale.ROOT, "%-40s %10.2f %14.0f %8.2f%n", "tcpdump -nn -v -r (baseline)", tcp, ADVERTS / tcp, 1.0);
        System.out.printf(
                Locale.ROOT,
                "%-40s %10.2f %14.0f %8.2f%n",
                "replay (decode + judge)",
                judge,
                ADVERTS / judge,
                tcp / judge);
        System.out.printf(
                Locale.ROOT,
                "%-40s %10.2f %14.0f %8.2f%n",
                "replay --adverts (decode + judge + print)",
                print,
                ADVERTS / print,
                tcp / print);
        assertThat(judge).isLessThan(tcp);
    }
}
