package dev.vigil.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of a process from /proc (Linux). */
public final class ProcStat {
    /** USER_HZ; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {}

    public static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    /**
     * Private dirty memory (kB): what the process alone costs, without the clean file-backed pages (libjvm.so, the
     * CDS archive) that the kernel can drop and re-read.
     */
    public static long privateDirtyKb(long pid) throws IOException {
        for (String line :
                Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"), StandardCharsets.UTF_8)) {
            if (line.startsWith("Private_Dirty:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no Private_Dirty for " + pid);
    }

    /** User plus system CPU seconds used so far. */
    public static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
}
