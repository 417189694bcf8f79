package dev.vigil.agent.probe.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.probe.live.RecordingSink;
import dev.vigil.testkit.lab.SiteLab;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code wan.down} and {@code wan.degraded} events on a real lossy link: 10 % random loss in each direction (the
 * lab's setWanLoss, so 19 % of probes lost) on wan1 for {@code vigil.bench.lossMinutes} minutes at default settings,
 * wan2 clean as the baseline.
 */
@Tag("bench")
class FalseAlarmLabBench {
    private static final int MINUTES = Integer.getInteger("vigil.bench.lossMinutes", 5);

    @Test
    void tenPercentLoss_defaults_noWanDown() throws Exception {
        try (SiteLab lab =
                SiteLab.builder().wans(2).advertInterval(Duration.ofMillis(300)).start()) {
            RecordingSink sink = new RecordingSink();
            try (WanMonitor monitor = LabMonitor.start(lab, """
                    wans:
                      - {name: wan1, targets: ${wan1}}
                      - {name: wan2, targets: ${wan2}}
                    """, sink)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> monitor.state("wan1").orElseThrow().equals("up"));
                lab.setWanLoss("wan1", 10);
                Instant end = Instant.now().plus(Duration.ofMinutes(MINUTES));
                double maxLoss = 0;
                double sumLoss = 0;
                int samples = 0;
                while (Instant.now().isBefore(end)) {
                    await().pollDelay(Duration.ofSeconds(10))
                            .atMost(Duration.ofSeconds(11))
                            .until(() -> true);
                    double loss = monitor.metrics().get(0).lossPct();
                    maxLoss = Math.max(maxLoss, loss);
                    sumLoss += loss;
                    samples++;
                }
                long downs1 = count(sink, "wan.down", "wan/wan1");
                long degraded1 = count(sink, "wan.degraded", "wan/wan1");
                long downs2 = count(sink, "wan.down", "wan/wan2");
                System.out.printf(Locale.ROOT, "%nfalse alarms on the lab, %d min, defaults%n", MINUTES);
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %9s %12s %16s %14s%n",
                        "link",
                        "wan.down",
                        "wan.degraded",
                        "mean window loss",
                        "max window loss");
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %9d %12d %14.1f %% %12.1f %%%n",
                        "wan1, 10 % loss each way",
                        downs1,
                        degraded1,
                        sumLoss / samples,
                        maxLoss);
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %9d %12d %16s %14s%n",
                        "wan2, clean (baseline)",
                        downs2,
                        count(sink, "wan.degraded", "wan/wan2"),
                        "",
                        "");
                assertThat(downs1).isZero();
            }
        }
    }

    private static long count(RecordingSink sink, String type, String subject) {
        return sink.ofType(type).stream()
                .filter(o -> o.subject().equals(subject))
                .count();
    }
}
