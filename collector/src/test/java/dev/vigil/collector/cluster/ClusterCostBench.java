package dev.vigil.collector.cluster;

import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.CollectorProcess;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collectors against one PostgreSQL versus one, in the same run: the same Debian mosquitto and PostgreSQL on
 * loopback, collector processes started with {@code --broker} and {@code --db-url} (one member alone is a cluster of
 * one: the same feed triggers and reactor), a fresh database per arm. A publisher in this JVM puts {@code events}
 * QoS 1 events of {@code sites} sites into mosquitto as fast as it takes them; measured: the time until the last one
 * is stored (events/s drained: from the first publish to the last event's {@code received_at}, the receiving
 * collector's clock, at most a group commit before its commit), until every collector has followed the feed to its
 * end (polled every 100 ms), and the CPU time each process
 * spent meanwhile ({@code /proc/PID/stat} before and after: the collectors, the PostgreSQL server with its backends,
 * mosquitto), per event. A warm-up batch of a tenth goes first in each arm. Knobs: {@code -Dvigil.bench.events}
 * (20000), {@code -Dvigil.bench.sites} (100).
 */
@Tag("bench")
class ClusterCostBench {
    private static final int EVENTS = Integer.getInteger("vigil.bench.events", 20_000);
    private static final int SITES = Integer.getInteger("vigil.bench.sites", 100);
    private static final double TICKS = 100.0; // USER_HZ: clock ticks per second in /proc/PID/stat

    @TempDir
    Path dir;

    record Arm(
            int collectors,
            double seconds,
            double followSeconds,
            double collectorCpu,
            double postgresCpu,
            double mosquittoCpu) {}

    @Test
    void twoCollectorsVersusOne_sameRun_drainRateAndCpuPerEvent() throws Exception {
        List<Arm> arms = new ArrayList<>();
        try (PostgresServer postgres = new PostgresServer();
                MosquittoBroker broker = new MosquittoBroker()
                        .withConfig("max_queued_messages 0")
                        .start()) {
            for (int n : new int[] {1, 2}) {
                arms.add(arm(n, postgres, broker));
            }
        }
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%nClusterCostBench: %,d events of %d sites through mosquitto; load average %s%n"
                        + "| collectors | stored in s | events/s | all followed in s | CPU ms per 1,000 events:"
                        + " collectors | PostgreSQL | mosquitto | total |%n|---|---|---|---|---|---|---|---|%n",
                EVENTS,
                SITES,
                Files.readString(Path.of("/proc/loadavg")).trim()));
        for (Arm a : arms) {
            double per = 1_000_000.0 / EVENTS;
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %.2f | %,.0f | %.2f | %.0f | %.0f | %.0f | %.0f |%n",
                    a.collectors(),
                    a.seconds(),
                    EVENTS / a.seconds(),
                    a.followSeconds(),
                    a.collectorCpu() * per,
                    a.postgresCpu() * per,
                    a.mosquittoCpu() * per,
                    (a.collectorCpu() + a.postgresCpu() + a.mosquittoCpu()) * per));
        }
        Arm one = arms.get(0);
        Arm two = arms.get(1);
        out.append(String.format(
                Locale.ROOT,
                "ratio two/one: events/s %.2f, total CPU per event %.2f, PostgreSQL CPU per event %.2f%n",
                one.seconds() / two.seconds(),
                (two.collectorCpu() + two.postgresCpu() + two.mosquittoCpu())
                        / (one.collectorCpu() + one.postgresCpu() + one.mosquittoCpu()),
                two.postgresCpu() / one.postgresCpu()));
        System.out.print(out);
    }

    private Arm arm(int collectors, PostgresServer postgres, MosquittoBroker broker) throws Exception {
        String db = postgres.newDatabase();
        List<CollectorProcess> all = new ArrayList<>();
        try {
            for (int i = 1; i <= collectors; i++) {
                all.add(CollectorProcess.clusterMember(
                                dir.resolve(collectors + "-c" + i), broker.url(), db, "bench" + collectors + "-c" + i)
                        .start());
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> all.stream()
                                    .mapToInt(CollectorProcess::ownedPartitions)
                                    .sum()
                            == Partitions.COUNT);
            try (Connection c = DriverManager.getConnection(db, "vigil", "")) {
                publish(broker, "warm" + collectors, EVENTS / 10);
                awaitStored(c, EVENTS / 10, all, Duration.ofSeconds(300));
                List<Long> pids = new ArrayList<>();
                all.forEach(p -> pids.add(p.pid()));
                List<Long> pg = postgresPids(postgres);
                List<Long> mq = pidsWithArgument(broker.directory().toString());
                double[] before = {cpu(pids), cpu(pg), cpu(mq)};
                long t0 = System.nanoTime();
                long wall0 = System.currentTimeMillis();
                publish(broker, "run" + collectors, EVENTS);
                awaitStored(c, EVENTS / 10 + EVENTS, all, Duration.ofSeconds(600));
                // the last receipt, not when the poll saw it: polled seldom, so that polling costs PostgreSQL little
                double stored = (count(c, "SELECT MAX(received_at) FROM events") - wall0) / 1e3;
                long tail = count(c, "SELECT COALESCE(MAX(seq), 0) FROM cluster_feed");
                await().atMost(Duration.ofSeconds(600))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> all.stream()
                                .allMatch(p -> p.admin()
                                                .get("/api/cluster")
                                                .json()
                                                .path("position")
                                                .asLong()
                                        >= tail));
                double followed = (System.nanoTime() - t0) / 1e9;
                pg = postgresPids(postgres); // backends of this arm's collectors, started meanwhile too
                return new Arm(
                        collectors, stored, followed, cpu(pids) - before[0], cpu(pg) - before[1], cpu(mq) - before[2]);
            }
        } finally {
            all.forEach(CollectorProcess::close);
        }
    }

    /** Publishes at QoS 1 with up to 1,000 in flight; returns once mosquitto acknowledged all. */
    private static void publish(MosquittoBroker broker, String id, int events) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1000);
        client.connect(options).waitForCompletion(30_000);
        Semaphore window = new Semaphore(1000);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                window.release();
            }
        };
        for (int i = 0; i < events; i++) {
            String site = "bench-" + (i % SITES);
            window.acquire();
            client.publish("vigil/v1/sites/" + site + "/events", Payloads.info(site), 1, false, null, release);
        }
        window.acquire(1000);
        client.disconnect().waitForCompletion(30_000);
        client.close();
    }

    private static void awaitStored(Connection c, long expected, List<CollectorProcess> all, Duration max) {
        await().atMost(max)
                .pollInterval(Duration.ofMillis(500))
                .failFast("a collector died", () -> all.stream().anyMatch(p -> !p.alive()))
                .until(() -> count(c, "SELECT count(*) FROM events") >= expected);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The postmaster of this server (its data directory's postmaster.pid) and its children. */
    private static List<Long> postgresPids(PostgresServer postgres) throws IOException {
        long master = Long.parseLong(Files.readAllLines(postgres.dataDirectory().resolve("postmaster.pid"))
                .get(0)
                .trim());
        List<Long> out = new ArrayList<>(List.of(master));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                String[] stat = stat(p);
                if (stat != null && Long.parseLong(stat[1]) == master) {
                    out.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        }
        return out;
    }

    private static List<Long> pidsWithArgument(String fragment) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String cmd = new String(
                                    Files.readAllBytes(p.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmd.startsWith("mosquitto") && cmd.contains(fragment)) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return out;
    }

    /** CPU seconds (user + system) the processes have used so far; gone ones count 0. */
    private static double cpu(List<Long> pids) {
        double sum = 0;
        for (long pid : pids) {
            String[] f = stat(Path.of("/proc", Long.toString(pid)));
            if (f != null) {
                sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
            }
        }
        return sum;
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime. */
    private static String[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
