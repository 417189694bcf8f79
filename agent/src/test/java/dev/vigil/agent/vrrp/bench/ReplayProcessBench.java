package dev.vigil.agent.vrrp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.vrrp.testing.Fixtures;
import dev.vigil.testkit.Prerequisites;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay FILE --json} as a person types it ({@code java -jar agent/target/vigil-agent.jar}, the JVM's start
 * included) against {@code tcpdump -nn -v -r FILE}, both under {@code /usr/bin/time -v}, alternating, in the same run.
 * The file: 1,000,000 RouterOS 6.10 adverts, the last advert of each of the five groups of
 * {@code tcpdump_vrrp_routeros-6.10.pcap} (its final master) repeated one round per second.
 */
@Tag("bench")
class ReplayProcessBench {
    private static final int ADVERTS = 1_000_000;
    private static final int ROUNDS = Integer.getInteger("vigil.bench.rounds", 3);
    private static final Path JAR = Path.of("target/vigil-agent.jar");
    private static final Pattern WALL =
            Pattern.compile("Elapsed \\(wall clock\\) time.*: (?:(\\d+):)?(\\d+):(\\d+\\.\\d+)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern CPU = Pattern.compile("(User|System) time \\(seconds\\): (\\d+\\.\\d+)");

    @TempDir
    Path dir;

    private record Run(double wall, double cpu, long rssKb) {}

    @Test
    void replayJar_millionRouterOsAdverts_againstTcpdump() throws Exception {
        Path time = Prerequisites.requireCommand("time", "time");
        Path tcpdump = Prerequisites.requireCommand("tcpdump", "tcpdump");
        assertThat(JAR)
                .as("build it first: mvn -B -q -pl agent -am package -DskipTests")
                .isRegularFile();
        Path file = dir.resolve("routeros-1m.pcap");
        writeSteadyRouterOs(file, ADVERTS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put(
                "tcpdump -nn -v -r FILE (baseline)", List.of(tcpdump.toString(), "-nn", "-v", "-r", file.toString()));
        commands.put(
                "java -jar vigil-agent.jar replay FILE --json",
                List.of(java, "-jar", JAR.toString(), "replay", file.toString(), "--json"));
        commands.put(
                "same, -Dvigil.relaunch=false (before)",
                List.of(java, "-Dvigil.relaunch=false", "-jar", JAR.toString(), "replay", file.toString(), "--json"));
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                runs.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(timed(time, c.getValue()));
            }
        }
        Run base = median(runs.values().iterator().next());
        System.out.printf(
                Locale.ROOT,
                "%-46s %9s %9s %12s %10s%n",
                "1,000,000 adverts, median of " + ROUNDS,
                "wall s",
                "cpu s",
                "peak RSS MB",
                "wall ratio");
        runs.forEach((name, list) -> {
            Run m = median(list);
            System.out.printf(
                    Locale.ROOT,
                    "%-46s %9.2f %9.2f %12.1f %10.2f%n",
                    name,
                    m.wall,
                    m.cpu,
                    m.rssKb / 1024.0,
                    m.wall / base.wall);
        });
        Run replay = median(runs.get("java -jar vigil-agent.jar replay FILE --json"));
        assertThat(replay.rssKb).as("peak RSS of replay without flags").isLessThanOrEqualTo(128 * 1024);
    }

    private Run timed(Path time, List<String> command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(time.toString(), "-v"));
        argv.addAll(command);
        Path err = dir.resolve("time.txt");
        Process p = new ProcessBuilder(argv)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String report = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(report).isZero();
        Matcher w = WALL.matcher(report);
        Matcher r = RSS.matcher(report);
        assertThat(w.find() && r.find()).as(report).isTrue();
        double wall = (w.group(1) == null ? 0 : Integer.parseInt(w.group(1)) * 3600)
                + Integer.parseInt(w.group(2)) * 60
                + Double.parseDouble(w.group(3));
        double cpu = 0;
        for (Matcher c = CPU.matcher(report); c.find(); ) {
            cpu += Double.parseDouble(c.group(2));
        }
        return new Run(wall, cpu, Long.parseLong(r.group(1)));
    }

    private static Run median(List<Run> runs) {
        Run[] sorted = runs.toArray(new Run[0]);
        Arrays.sort(sorted, (a, b) -> Double.compare(a.wall, b.wall));
        return sorted[sorted.length / 2];
    }

    /** The last frame of each (ethertype, VRID) of the RouterOS capture, repeated in rounds one second apart. */
    static void writeSteadyRouterOs(Path file, int count) throws IOException {
        Map<String, byte[]> last = new LinkedHashMap<>();
        byte[] header;
        try (InputStream in = Files.newInputStream(Fixtures.capture("tcpdump_vrrp_routeros-6.10.pcap"))) {
            DataInputStream data = new DataInputStream(in);
            header = data.readNBytes(24);
            ByteOrder order = (header[0] & 0xff) == 0xd4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            byte[] record;
            while ((record = data.readNBytes(16)).length == 16) {
                int captured = ByteBuffer.wrap(record).order(order).getInt(8);
                byte[] frame = data.readNBytes(captured);
                int ethertype = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
                int vrid = ethertype == 0x0800 ? frame[14 + (frame[14] & 0x0f) * 4 + 1] : frame[55];
                last.put(ethertype + "/" + vrid, frame);
            }
        }
        List<byte[]> frames = new ArrayList<>(last.values());
        ByteOrder order = (header[0] & 0xff) == 0xd4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header);
            long micros = 1_394_056_800_000_000L;
            ByteBuffer rec = ByteBuffer.allocate(16).order(order);
            for (int i = 0; i < count; i++) {
                byte[] f = frames.get(i % frames.size());
                long t = micros + (i / frames.size()) * 1_000_000L + (i % frames.size()) * 1000L;
                rec.clear();
                rec.putInt((int) (t / 1_000_000))
                        .putInt((int) (t % 1_000_000))
                        .putInt(f.length)
                        .putInt(f.length);
                out.write(rec.array());
                out.write(f);
            }
        }
    }
}
