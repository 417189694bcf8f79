package dev.vigil.collector.testing;

import dev.vigil.protocol.EventIds;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Many simulated sites on Vert.x MQTT clients (one event loop each, no thread per connection), publishing QoS 1
 * events and timing publish → PUBACK.
 */
public final class LoadGenerator implements AutoCloseable {
    /** Credentials of simulated site {@code i}; null user for an anonymous broker. */
    public record Login(String site, String username, String password) {}

    /**
     * What a phase measured: latency from the publish call to its PUBACK; for a steady phase also how late the
     * publish calls came against the schedule ({@code lagP99Ms}) and the latency from the scheduled send time
     * ({@code p99FromScheduleMs}, which counts the generator's own lateness: no coordinated omission). NaN for a
     * saturated phase, which has no schedule.
     */
    public record Result(
            long acked, Duration elapsed, double p50Ms, double p99Ms, double lagP99Ms, double p99FromScheduleMs) {
        public double perSecond() {
            return acked / (elapsed.toNanos() / 1e9);
        }
    }

    private static final int EVENT_LOOPS = 4;

    private final Vertx vertx = Vertx.vertx();
    private final List<Sim> sims = new ArrayList<>();
    private final EventIds ids = new EventIds();
    private final AtomicLong seq = new AtomicLong();

    /** One simulated site; everything but the volatile flags is used on its own context only. */
    private final class Sim {
        final Login login;
        final Context context;
        final Map<Integer, long[]> sentAt = new HashMap<>();
        final String topic;
        MqttClient client;
        volatile Recorder recorder;
        volatile Recorder fromSchedule;
        volatile Recorder lag;
        volatile int window;
        volatile boolean running;
        long timer = -1;

        Sim(Login login, Context context, String prefix) {
            this.login = login;
            this.context = context;
            this.topic = prefix + "/sites/" + login.site() + "/events";
        }

        Future<?> connect(MqttClientOptions o, int port) {
            Promise<Object> done = Promise.promise();
            context.runOnContext(v -> {
                client = MqttClient.create(vertx, o);
                client.publishCompletionHandler(this::acked);
                client.connect(port, "127.0.0.1").onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete();
                    } else {
                        done.fail(ar.cause());
                    }
                });
            });
            return done.future();
        }

        private void acked(int id) {
            long now = System.nanoTime();
            long[] sent = sentAt.remove(id);
            Recorder r = recorder;
            if (sent != null && r != null) {
                r.record(now - sent[0]);
                Recorder s = fromSchedule;
                if (s != null) {
                    s.record(now - sent[1]);
                }
            }
            if (running && window > 0) {
                publish(System.nanoTime());
            }
        }

        /** @param scheduled when this publish was due (the call time when there is no schedule) */
        void publish(long scheduled) {
            long start = System.nanoTime();
            Recorder l = lag;
            if (l != null) {
                l.record(start - scheduled);
            }
            client.publish(topic, Buffer.buffer(event(login.site())), MqttQoS.AT_LEAST_ONCE, false, false)
                    .onSuccess(id -> sentAt.put(id, new long[] {start, scheduled}));
        }
    }

    /** Latencies of one phase, written from many event loops. */
    private static final class Recorder {
        private final long[] samples;
        private final AtomicLong count = new AtomicLong();

        Recorder(int capacity) {
            samples = new long[capacity];
        }

        void record(long nanos) {
            long i = count.getAndIncrement();
            if (i < samples.length) {
                samples[(int) i] = nanos;
            }
        }

        Result result(Duration elapsed, Recorder lag, Recorder fromSchedule) {
            long[] sorted = sorted();
            return new Result(
                    count.get(),
                    elapsed,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    lag == null ? Double.NaN : percentile(lag.sorted(), 0.99),
                    fromSchedule == null ? Double.NaN : percentile(fromSchedule.sorted(), 0.99));
        }

        private long[] sorted() {
            int n = (int) Math.min(count.get(), samples.length);
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return sorted;
        }

        private static double percentile(long[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
        }
    }

    public LoadGenerator(int port, int connections, IntFunction<Login> logins, String prefix) {
        List<Context> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
        join(
                vertx.deployVerticle(
                        () -> new io.vertx.core.VerticleBase() {
                            @Override
                            public Future<?> start() {
                                contexts.add(context);
                                return Future.succeededFuture();
                            }
                        },
                        new io.vertx.core.DeploymentOptions().setInstances(EVENT_LOOPS)),
                30);
        List<Future<?>> connecting = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Login login = logins.apply(i);
            MqttClientOptions o = new MqttClientOptions()
                    .setClientId("sim-" + i)
                    .setCleanSession(true)
                    .setKeepAliveInterval(60)
                    .setMaxInflightQueue(100)
                    .setAckTimeout(60);
            if (login.username() != null) {
                o.setUsername(login.username()).setPassword(login.password());
            }
            Sim sim = new Sim(login, contexts.get(i % contexts.size()), prefix);
            sims.add(sim);
            connecting.add(sim.connect(o, port));
            if (i % 100 == 99) {
                join(Future.all(connecting), 120);
                connecting.clear();
            }
        }
        join(Future.all(connecting), 120);
    }

    private byte[] event(String site) {
        String json =
                "{\"v\":1,\"id\":\"" + ids.next() + "\",\"site\":\"" + site + "\",\"seq\":" + seq.incrementAndGet()
                        + ",\"time\":\"" + Instant.now() + "\",\"type\":\"router.vrrp_state\",\"severity\":\"info\","
                        + "\"subject\":\"router/router-a\",\"data\":{\"router\":\"router-a\",\"vrid\":10,"
                        + "\"state\":\"master\",\"priority\":200,\"agrees\":true}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Every connection keeps {@code window} events in flight for {@code duration}: the sustained maximum. */
    public Result saturate(int window, Duration duration) {
        Recorder recorder = new Recorder(4_000_000);
        long start = System.nanoTime();
        for (Sim s : sims) {
            s.recorder = recorder;
            s.window = window;
            s.running = true;
        }
        for (Sim s : sims) {
            s.context.runOnContext(v -> {
                for (int i = 0; i < window; i++) {
                    s.publish(System.nanoTime());
                }
            });
        }
        sleep(duration);
        sims.forEach(s -> s.running = false);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        sleep(Duration.ofSeconds(2)); // let in-flight acknowledgements land
        sims.forEach(s -> s.recorder = null);
        return recorder.result(elapsed, null, null);
    }

    /**
     * The connections together publish {@code perSecond} events for {@code duration}, evenly spread: connection i
     * is due at start + offset(i) + k × period.
     */
    public Result steady(int perSecond, Duration duration) {
        int capacity = (int) Math.min(4_000_000, 2L * perSecond * Math.max(1, duration.toSeconds()) + 10_000);
        Recorder recorder = new Recorder(capacity);
        Recorder lag = new Recorder(capacity);
        Recorder fromSchedule = new Recorder(capacity);
        long periodMs = Math.max(1, 1000L * sims.size() / perSecond);
        long periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMs);
        long start = System.nanoTime();
        for (int i = 0; i < sims.size(); i++) {
            Sim s = sims.get(i);
            s.recorder = recorder;
            s.lag = lag;
            s.fromSchedule = fromSchedule;
            s.window = 0;
            s.running = true;
            long offset = 1 + (periodMs * i / sims.size());
            long first = start + TimeUnit.MILLISECONDS.toNanos(offset) + periodNanos;
            long[] fired = {0};
            s.context.runOnContext(v -> vertx.setTimer(
                    offset,
                    t -> s.timer = vertx.setPeriodic(periodMs, p -> {
                        if (s.running) {
                            s.publish(first + fired[0]++ * periodNanos);
                        } else {
                            vertx.cancelTimer(p);
                        }
                    })));
        }
        sleep(duration);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        sims.forEach(s -> s.running = false);
        sleep(Duration.ofSeconds(2));
        sims.forEach(s -> {
            s.recorder = null;
            s.lag = null;
            s.fromSchedule = null;
        });
        return recorder.result(elapsed, lag, fromSchedule);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // a benchmark phase runs for a fixed time; nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T join(Future<T> f, int seconds) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("load generator: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        join(vertx.close(), 60);
    }
}
