package dev.vigil.collector.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.DeliveryRecord;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-channel queues: retries with backoff through a hand-driven scheduler, the delivery log, metrics, isolation. */
class ChannelQueueTest {
    private static final Notification ALERT = new Notification(
            NotificationKind.ALERT,
            "01JALERT0000000000000000AA",
            "acme-hq",
            "wan_down",
            Severity.CRITICAL,
            5,
            "acme-hq: WAN wan1 down",
            "lost",
            List.of(),
            null,
            null,
            "a-1");
    private static final ChannelInfo NTFY = new ChannelInfo("ch_1", "oncall", "ntfys://****@ntfy.example.net/t");
    private static final ChannelInfo MAIL = new ChannelInfo("ch_2", "noc-mail", "mailtos://noc:****@example.com");

    private final Stores stores = Stores.open("jdbc:h2:mem:queue-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "");
    private final Counters counters = new Counters();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);
    private final DeliveryRecorder recorder = new DeliveryRecorder(stores.deliveries(), counters, clock);
    private final FakeScheduler scheduler = new FakeScheduler();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        stores.close();
    }

    /** Records what was scheduled; runs it only when the test says so. */
    static final class FakeScheduler implements Scheduler {
        final List<Duration> delays = new ArrayList<>();
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void schedule(Duration delay, Runnable task) {
            delays.add(delay);
            tasks.add(task);
        }

        synchronized void runNext() {
            tasks.remove().run();
        }
    }

    /** Answers with the scripted attempts, then "delivered". */
    static Sender scripted(Attempt... attempts) {
        Deque<Attempt> script = new ArrayDeque<>(List.of(attempts));
        return n -> script.isEmpty() ? Attempt.delivered("HTTP 200 ok") : script.poll();
    }

    private ChannelQueue queue(ChannelInfo info, Sender sender, RetryPolicy policy) {
        // a direct executor: each offer and retry runs its attempt on the calling thread, so no waiting is needed
        return new ChannelQueue(info, sender, policy, scheduler, Runnable::run, recorder, () -> 0.5);
    }

    private List<DeliveryRecord> log(String channelId) {
        List<DeliveryRecord> newestFirst = new ArrayList<>(stores.deliveries().list(null, channelId, 100));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Test
    void offer_serverErrorThenOk_retriedAfterBackoffAndBothAttemptsLogged() {
        ChannelQueue q = queue(
                NTFY, scripted(Attempt.transientFailure("HTTP 500 {\"error\":\"db\"}", null)), RetryPolicy.DEFAULT);

        q.offer(ALERT, null);
        assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(5));
        scheduler.runNext();

        assertThat(log("ch_1"))
                .extracting(DeliveryRecord::attempt, DeliveryRecord::outcome, DeliveryRecord::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "retrying", "HTTP 500 {\"error\":\"db\"}"),
                        org.assertj.core.groups.Tuple.tuple(2, "delivered", "HTTP 200 ok"));
        DeliveryRecord first = log("ch_1").get(0);
        assertThat(first.alertId()).isEqualTo(ALERT.alertId());
        assertThat(first.site()).isEqualTo("acme-hq");
        assertThat(first.kind()).isEqualTo("alert");
        assertThat(first.channelName()).isEqualTo("oncall");
        assertThat(first.at()).isEqualTo(clock.instant());
        assertThat(counters.get("vigil_notify_deliveries_total{channel=\"oncall\",outcome=\"retrying\"}"))
                .isEqualTo(1);
        assertThat(counters.get("vigil_notify_deliveries_total{channel=\"oncall\",outcome=\"delivered\"}"))
                .isEqualTo(1);
        assertThat(scheduler.tasks).isEmpty();
    }

    @Test
    void offer_tooManyRequestsWithRetryAfter_waitsWhatTheServerAskedCappedAtMax() {
        ChannelQueue q = queue(
                NTFY,
                scripted(
                        Attempt.transientFailure("HTTP 429", Duration.ofSeconds(42)),
                        Attempt.transientFailure("HTTP 503", Duration.ofHours(2))),
                RetryPolicy.DEFAULT);

        q.offer(ALERT, null);
        scheduler.runNext();
        scheduler.runNext();

        assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(42), Duration.ofMinutes(10));
        assertThat(log("ch_1"))
                .extracting(DeliveryRecord::outcome)
                .containsExactly("retrying", "retrying", "delivered");
    }

    @Test
    void offer_alwaysFailing_backsOffExponentiallyThenGivesUp() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 0.25, 5);
        ChannelQueue q = queue(NTFY, n -> Attempt.transientFailure("error: ConnectException", null), policy);

        q.offer(ALERT, null);
        while (!scheduler.tasks.isEmpty()) {
            scheduler.runNext();
        }

        assertThat(scheduler.delays)
                .containsExactly(
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30));
        assertThat(log("ch_1"))
                .extracting(DeliveryRecord::outcome)
                .containsExactly("retrying", "retrying", "retrying", "retrying", "failed");
        assertThat(recorder.health("ch_1").state()).isEqualTo("failing");
        assertThat(counters.render()).contains("vigil_notify_channels_failing 1");
    }

    @Test
    void offer_permanentFailure_isNotRetried() {
        ChannelQueue q = queue(NTFY, scripted(Attempt.permanentFailure("HTTP 401 unauthorized")), RetryPolicy.DEFAULT);
        CompletableFuture<Attempt> first = new CompletableFuture<>();

        q.offer(ALERT, first);

        assertThat(first).isCompletedWithValue(Attempt.permanentFailure("HTTP 401 unauthorized"));
        assertThat(scheduler.delays).isEmpty();
        assertThat(log("ch_1")).extracting(DeliveryRecord::outcome).containsExactly("failed");
    }

    @Test
    void health_deliveredAfterFailures_isOkAgain() {
        ChannelQueue q = queue(
                NTFY,
                scripted(
                        Attempt.permanentFailure("a"),
                        Attempt.permanentFailure("b"),
                        Attempt.permanentFailure("c"),
                        Attempt.permanentFailure("d"),
                        Attempt.permanentFailure("e")),
                RetryPolicy.DEFAULT);
        for (int i = 0; i < 5; i++) {
            q.offer(ALERT, null);
        }
        assertThat(recorder.health("ch_1").failing()).isTrue();

        q.offer(ALERT, null);

        assertThat(recorder.health("ch_1").state()).isEqualTo("ok");
        assertThat(recorder.health("ch_1").consecutiveFailures()).isZero();
    }

    @Test
    void offer_hungChannel_doesNotDelayAnotherChannel() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hung = new CountDownLatch(1);
        Sender stuck = n -> {
            hung.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Attempt.transientFailure("error: HttpTimeoutException", null);
        };
        ChannelQueue dead = new ChannelQueue(NTFY, stuck, RetryPolicy.DEFAULT, scheduler, pool, recorder, () -> 0.5);
        ChannelQueue alive = new ChannelQueue(
                MAIL, n -> Attempt.delivered("SMTP 250 OK"), RetryPolicy.DEFAULT, scheduler, pool, recorder, () -> 0.5);

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            dead.offer(ALERT, null);
        }
        CompletableFuture<Attempt> mail = new CompletableFuture<>();
        alive.offer(ALERT, mail);
        long offerNanos = System.nanoTime() - start;

        assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mail.get(10, TimeUnit.SECONDS).result()).isEqualTo(Attempt.Result.DELIVERED);
        assertThat(log("ch_1")).isEmpty();
        assertThat(Duration.ofNanos(offerNanos)).isLessThan(Duration.ofSeconds(2));
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> log("ch_1").size() == 3);
    }

    @Test
    void offer_queueFull_dropsAndLogsIt() {
        CountDownLatch release = new CountDownLatch(1);
        ChannelQueue q = new ChannelQueue(
                NTFY,
                n -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Attempt.delivered("HTTP 200");
                },
                RetryPolicy.DEFAULT,
                scheduler,
                pool,
                recorder,
                () -> 0.5);
        for (int i = 0; i < ChannelQueue.CAPACITY + 2; i++) {
            q.offer(ALERT, null);
        }
        CompletableFuture<Attempt> overflow = new CompletableFuture<>();
        q.offer(ALERT, overflow);

        await().atMost(Duration.ofSeconds(10)).until(overflow::isDone);
        assertThat(overflow.join().detail()).isEqualTo("the channel's queue is full (1000)");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        counters.get("vigil_notify_deliveries_total{channel=\"oncall\",outcome=\"dropped\"}") >= 1);
        release.countDown();
    }

    @Test
    void delay_jitter_staysWithinAQuarterEitherWay() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.delay(2, null, () -> 0.0)).isEqualTo(Duration.ofMillis(7_500));
        assertThat(p.delay(2, null, () -> 0.999_999)).isBetween(Duration.ofMillis(12_499), Duration.ofMillis(12_500));
        assertThat(p.delay(30, null, () -> 0.999_999)).isEqualTo(Duration.ofMinutes(10));
    }
}
