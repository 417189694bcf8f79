package dev.vigil.collector.notify.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Severity;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notifier's thread: the alert thread never waits for it, and its queue is bounded. */
class NotifierTest {
    private final PolicyHarness h = new PolicyHarness();
    private Notifier notifier;

    @AfterEach
    void close() {
        h.channels.release();
        notifier.close();
        h.close();
    }

    private AlertRecord alert(int i) {
        return new AlertRecord(
                "01HZQ" + i,
                "site" + i,
                "wan_down",
                "wan/wan1",
                Severity.CRITICAL,
                AlertRecord.OPEN,
                "site" + i + ": WAN wan1 down",
                "b",
                null,
                h.clock.instant(),
                h.clock.instant(),
                null);
    }

    @Test
    void changed_dispatcherStuck_returnsAtOnceAndDropsPastTheBound() {
        h.channels.add("a", "ntfy");
        h.channels.holdDeliveries();
        NotifySettings settings =
                new NotifySettings(null, Duration.ofHours(1), Duration.ZERO, 1000, Duration.ofHours(1), 5);
        notifier = new Notifier(
                h.policy, h.maintenance, h.ackStore, Executors.newSingleThreadScheduledExecutor(), settings, h.clock);
        notifier.changed(alert(0), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> h.channels.held() == 1);

        long start = System.nanoTime();
        for (int i = 1; i <= 20; i++) {
            notifier.changed(alert(i), null);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(notifier.dropped()).isEqualTo(15);

        h.channels.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> h.channels.sent().size() == 6);
        assertThat(h.channels.sent())
                .extracting(s -> s.notification().site())
                .containsExactly("site0", "site1", "site2", "site3", "site4", "site5");
    }
}
