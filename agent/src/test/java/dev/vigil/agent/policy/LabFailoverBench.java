package dev.vigil.agent.policy;

import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.lab.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time from cutting the master's WAN to router B being the keepalived master with its NAT rule enabled (as its API
 * reports), over 10 runs at the lab's default 1 s advert interval. Baseline in the same run: the same lab failing
 * over on a direct priority change (keepalived's own share of the time).
 */
@Tag("bench")
class LabFailoverBench {
    private static final int RUNS = 10;

    @Test
    void wanCutToBackupMasterWithNat_p50p95(@TempDir Path dir) throws Exception {
        List<Long> failover = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        try (LabFailoverRig rig = new LabFailoverRig(dir, Duration.ofSeconds(1), Duration.ZERO, 1000)) {
            awaitMaster(rig, Router.A);
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                rig.lab.cutWan("wan1");
                awaitMaster(rig, Router.B);
                failover.add((System.nanoTime() - t0) / 1_000_000);
                rig.lab.restoreWan("wan1");
                awaitMaster(rig, Router.A);
            }
            rig.policy.close();
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                rig.lab.setPriority(Router.A, 50);
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> rig.lab.master().equals(Optional.of(Router.B)));
                baseline.add((System.nanoTime() - t0) / 1_000_000);
                rig.lab.setPriority(Router.A, 150);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> rig.lab.master().equals(Optional.of(Router.A)));
            }
        }
        long p50 = percentile(failover, 0.50);
        long p95 = percentile(failover, 0.95);
        long base = percentile(baseline, 0.50);
        System.out.printf(Locale.ROOT, "%-46s %8s %8s %8s%n", "case", "p50 ms", "p95 ms", "max ms");
        System.out.printf(
                Locale.ROOT,
                "%-46s %8d %8d %8d%n",
                "keepalived priority change (baseline)",
                base,
                percentile(baseline, 0.95),
                percentile(baseline, 1.0));
        System.out.printf(
                Locale.ROOT,
                "%-46s %8d %8d %8d%n",
                "WAN cut -> B master + NAT on (" + RUNS + " runs)",
                p50,
                p95,
                percentile(failover, 1.0));
        System.out.printf(
                Locale.ROOT, "ratio p50 failover / baseline: %.2f; runs: %s%n", (double) p50 / base, failover);
    }

    private static void awaitMaster(LabFailoverRig rig, Router router) {
        var client = router == Router.A ? rig.clientA : rig.clientB;
        var other = router == Router.A ? rig.clientB : rig.clientA;
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rig.lab.master().equals(Optional.of(router))
                        && LabFailoverRig.natOn(client)
                        && !LabFailoverRig.natOn(other));
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
