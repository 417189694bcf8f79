package dev.vigil.agent.vrrp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The machine-wide line of /proc/stat: where the CPUs' time went, including steal (time the hypervisor took). */
record CpuTimes(long busy, long idle, long steal) {
    static CpuTimes read() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long[] v = Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray();
        // user nice system idle iowait irq softirq steal ...
        return new CpuTimes(v[0] + v[1] + v[2] + v[5] + v[6], v[3] + v[4], v[7]);
    }

    String since(CpuTimes start) {
        long busyT = busy - start.busy;
        long idleT = idle - start.idle;
        long stealT = steal - start.steal;
        double all = Math.max(1, busyT + idleT + stealT);
        return String.format(
                Locale.ROOT,
                "CPU during the run (all cores): busy %.1f %%, idle %.1f %%, steal %.2f %% (%d ticks)",
                100 * busyT / all,
                100 * idleT / all,
                100 * stealT / all,
                stealT);
    }
}
