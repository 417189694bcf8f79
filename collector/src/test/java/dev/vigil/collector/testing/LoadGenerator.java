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

    /** What a phase measured. */
    public record Result(long acked, Duration elapsed, double p50Ms, double p99Ms) {
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
        final Map<Integer, Long> sentAt = new HashMap<>();
        final String topic;
        MqttClient client;
        volatile Recorder recorder;
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
            {
                Long start = sentAt.remove(id);
                if (start != null && recorder != null) {
                    recorder.record(System.nanoTime() - start);
                }
                if (running && window > 0) {
                    publish();
                }
            }
        }

        void publish() {
            long start = System.nanoTime();
            client.publish(topic, Buffer.buffer(event(login.site())), MqttQoS.AT_LEAST_ONCE, false, false)
                    .onSuccess(id -> sentAt.put(id, start));
        }
    }

    /** Latencies of one phase, written from many event loops. */
    private static final class Recorder {
        private final long[] samples = new long[4_000_000];
        private final AtomicLong count = new AtomicLong();

        void record(long nanos) {
            long i = count.getAndIncrement();
            if (i < samples.length) {
                samples[(int) i] = nanos;
            }
        }

        Result result(Duration elapsed) {
            int n = (int) Math.min(count.get(), samples.length);
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return new Result(count.get(), elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99));
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
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        for (Sim s : sims) {
            s.recorder = recorder;
            s.window = window;
            s.running = true;
        }
        for (Sim s : sims) {
            s.context.runOnContext(v -> {
                for (int i = 0; i < window; i++) {
                    s.publish();
                }
            });
        }
        sleep(duration);
        sims.forEach(s -> s.running = false);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        sleep(Duration.ofSeconds(2)); // let in-flight acknowledgements land
        sims.forEach(s -> s.recorder = null);
        return recorder.result(elapsed);
    }

    /** The connections together publish {@code perSecond} events for {@code duration}, evenly spread. */
    public Result steady(int perSecond, Duration duration) {
        Recorder recorder = new Recorder();
        long periodMs = Math.max(1, 1000L * sims.size() / perSecond);
        long start = System.nanoTime();
        for (int i = 0; i < sims.size(); i++) {
            Sim s = sims.get(i);
            s.recorder = recorder;
            s.window = 0;
            s.running = true;
            long offset = 1 + (periodMs * i / sims.size());
            s.context.runOnContext(v -> vertx.setTimer(
                    offset,
                    t -> s.timer = vertx.setPeriodic(periodMs, p -> {
                        if (s.running) {
                            s.publish();
                        } else {
                            vertx.cancelTimer(p);
                        }
                    })));
        }
        sleep(duration);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        sims.forEach(s -> s.running = false);
        sleep(Duration.ofSeconds(2));
        sims.forEach(s -> s.recorder = null);
        return recorder.result(elapsed);
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
