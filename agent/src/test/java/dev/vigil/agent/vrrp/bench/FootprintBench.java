package dev.vigil.agent.vrrp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RSS of {@code sniff --json --adverts} on the lab LAN (v3 IPv4 + IPv6 at 100 ms: 20 adverts/s) with the recommended
 * JVM flags, against the same with JVM defaults in the same run. Period: {@code -Dvigil.bench.footprint=PT2M}
 * (default 2 minutes; the issue asks for 10).
 */
@Tag("bench")
class FootprintBench {
    static final List<String> RECOMMENDED = List.of(
            "-XX:+UseSerialGC",
            "-Xss256k",
            "-Xmx16m",
            "-XX:MaxMetaspaceSize=32m",
            "-XX:ReservedCodeCacheSize=8m",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:-UsePerfData",
            "-XX:MaxDirectMemorySize=8m");

    /** glibc malloc arenas per thread cost RSS on many-core machines; two are plenty for the agent. */
    static final List<String> RECOMMENDED_ENV = List.of("env", "MALLOC_ARENA_MAX=2");

    @TempDir
    Path dir;

    private long rssKb(SiteLab lab, List<String> env, List<String> flags, Duration period, String name)
            throws Exception {
        List<String> argv = new ArrayList<>(env);
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(flags);
        argv.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigil.agent.cli.AgentMain",
                "sniff",
                "--interface",
                lab.lanInterface(Host.AGENT),
                "--json",
                "--adverts",
                "--for",
                period.toSeconds() + 15 + "s"));
        Path log = dir.resolve(name + ".log");
        Process p = lab.spawn(Host.AGENT, argv, log);
        assertThat(p.waitFor(period.toMillis(), TimeUnit.MILLISECONDS))
                .as("sniff must still run")
                .isFalse();
        long rss = 0;
        for (ProcessHandle h : java.util.stream.Stream.concat(java.util.stream.Stream.of(p.toHandle()), p.descendants())
                .toList()) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Math.max(rss, Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        }
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        assertThat(Files.readString(log)).contains("vrrp.advert");
        return rss;
    }

    /** {@code -Dvigil.bench.flags="-Xmx.. -XX:.."} tries other flags than the recommended ones. */
    private static List<String> flags() {
        String custom = System.getProperty("vigil.bench.flags");
        return custom == null || custom.isBlank()
                ? RECOMMENDED
                : List.of(custom.trim().split("\\s+"));
    }

    @Test
    void sniff_recommendedFlags_rssBelow64MB() throws Exception {
        Duration period = Duration.parse(System.getProperty("vigil.bench.footprint", "PT2M"));
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(3)
                .ipv6(true)
                .advertInterval(Duration.ofMillis(100))
                .start()) {
            long defaults = rssKb(lab, List.of(), List.of(), period, "defaults");
            long recommended = rssKb(lab, RECOMMENDED_ENV, flags(), period, "recommended");
            System.out.printf(Locale.ROOT, "%-36s %10s %8s%n", "sniff RSS after " + period, "MB", "ratio");
            System.out.printf(Locale.ROOT, "%-36s %10.1f %8.2f%n", "JVM defaults (baseline)", defaults / 1024.0, 1.0);
            System.out.printf(
                    Locale.ROOT,
                    "%-36s %10.1f %8.2f%n",
                    "recommended flags",
                    recommended / 1024.0,
                    recommended / (double) defaults);
            System.out.println(
                    "recommended: " + String.join(" ", RECOMMENDED_ENV) + " java " + String.join(" ", flags()));
            assertThat(recommended).isLessThan(64 * 1024);
        }
    }
}
