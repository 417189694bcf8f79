package dev.vigil.agent.publish;

import dev.vigil.agent.retry.Backoff;
import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireWriter;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The publisher on one thread: connect (backoff between failures), announce {@code online}, then move events from the
 * outbox to the broker with a bounded window of unacknowledged publishes, acknowledging outbox records strictly in
 * order as PUBACKs arrive. A lost connection restarts from the oldest unacknowledged record; duplicates carry the same
 * event id. With a command handler, the site's commands topic is subscribed at QoS 1 on every connect and each
 * command is handed to the handler on a thread of its own, never Paho's.
 */
final class PahoPublisher implements Publisher {
    private static final Logger LOG = System.getLogger(PahoPublisher.class.getName());
    private static final Duration IDLE_WAIT = Duration.ofMillis(500);
    private static final int COMMAND_QUEUE = 256;

    private record InFlight(OutboxRecord record, IMqttDeliveryToken token) {}

    private final MqttConfig config;
    private final String site;
    private final String agentVersion;
    private final Outbox outbox;
    private final Clock clock;
    private final Topics topics;
    private final Instant started;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicReference<SiteState> pendingState = new AtomicReference<>();
    private final LongAdder eventsPublished = new LongAdder();
    private final LongAdder metricsDropped = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final Thread thread;
    private final AtomicBoolean statusWanted = new AtomicBoolean();
    private volatile Consumer<byte[]> commandHandler;
    private volatile ExecutorService commandThread;
    private volatile boolean subscribeRefusalLogged;
    private volatile SiteState lastState;
    private volatile MqttSession session;
    private volatile String lastError;
    private volatile boolean stopping;
    private boolean signalled;

    PahoPublisher(MqttConfig config, String site, String agentVersion, Outbox outbox, Clock clock) {
        this.config = config;
        this.site = site;
        this.agentVersion = agentVersion;
        this.outbox = outbox;
        this.clock = clock;
        this.topics = config.topics();
        this.started = clock.instant();
        this.backoff = new Backoff(
                config.reconnectMin(),
                config.reconnectMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.thread = new Thread(this::loop, "vigil-mqtt-publisher");
        outbox.addListener(this::wake);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void onCommand(Consumer<byte[]> handler) {
        if (thread.isAlive()) {
            throw new IllegalStateException("set the command handler before start");
        }
        commandThread = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(COMMAND_QUEUE),
                DaemonThreads.named("vigil-commands"));
        commandHandler = handler;
    }

    @Override
    public void refreshStatus() {
        statusWanted.set(true);
        wake();
    }

    private void handOff(byte[] payload) {
        try {
            commandThread.execute(() -> {
                try {
                    commandHandler.accept(payload);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "handling a command failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(
                    Level.WARNING,
                    "a command arrived while " + COMMAND_QUEUE + " were still waiting; it is dropped unread");
        }
    }

    @Override
    public void publishState(SiteState state) {
        lastState = state;
        pendingState.set(state);
        wake();
    }

    @Override
    public void publishMetrics(SiteMetrics metrics) {
        MqttSession s = session;
        if (s == null || !s.isConnected()) {
            metricsDropped.increment();
            return;
        }
        try {
            s.publish(topics.metrics(site), WireWriter.encode(metrics), 0, false);
        } catch (MqttException | RuntimeException e) {
            metricsDropped.increment();
        }
    }

    @Override
    public boolean isConnected() {
        MqttSession s = session;
        return s != null && s.isConnected();
    }

    @Override
    public long eventsPublished() {
        return eventsPublished.sum();
    }

    @Override
    public long metricsDropped() {
        return metricsDropped.sum();
    }

    @Override
    public long connects() {
        return connects.sum();
    }

    @Override
    public Optional<String> lastError() {
        return isConnected() ? Optional.empty() : Optional.ofNullable(lastError);
    }

    @Override
    public void close() {
        stopping = true;
        wake();
        try {
            thread.join(config.flushTimeout().plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExecutorService commands = commandThread;
        if (commands != null) {
            commands.shutdownNow();
        }
    }

    private void loop() {
        int failures = 0;
        while (!stopping) {
            MqttSession s;
            try {
                s = MqttSession.connect(
                        config, topics.status(site), status(SiteStatus.OFFLINE, 0), this::wake, inbox());
            } catch (IOException e) {
                failures++;
                Duration delay = backoff.next();
                if (!e.getMessage().equals(lastError) || Integer.bitCount(failures) == 1) {
                    LOG.log(
                            Level.WARNING,
                            e.getMessage() + "; retrying in " + delay.toMillis() + " ms (attempt " + failures
                                    + "); events wait in the outbox");
                }
                lastError = e.getMessage();
                awaitStopOr(delay);
                continue;
            }
            failures = 0;
            backoff.reset();
            connects.increment();
            session = s;
            LOG.log(
                    Level.INFO,
                    "connected to {0} as {1}; {2} events waiting",
                    config.url(),
                    config.clientId(),
                    outbox.depth());
            try {
                deliver(s);
            } catch (IOException | MqttException | RuntimeException e) {
                lastError = "connection to " + config.url() + " lost: " + MqttSession.describe(e);
                LOG.log(Level.WARNING, lastError + "; reconnecting");
            } finally {
                session = null;
                if (stopping) {
                    sayGoodbye(s);
                } else {
                    s.closeForcibly();
                }
            }
        }
    }

    private MqttSession.Inbox inbox() {
        return commandHandler == null ? null : new MqttSession.Inbox(topics.commands(site), this::handOff);
    }

    private void deliver(MqttSession s) throws IOException, MqttException {
        statusWanted.set(false);
        s.publish(topics.status(site), status(SiteStatus.ONLINE, uptime()), 1, true);
        if (!s.subscribeInbox(config.connectTimeout().plusSeconds(5)) && !subscribeRefusalLogged) {
            subscribeRefusalLogged = true;
            LOG.log(
                    Level.WARNING,
                    "the broker refused the subscription to " + topics.commands(site)
                            + ": this agent receives no commands (check the broker's ACL for " + config.clientId()
                            + ")");
        }
        if (lastState != null) {
            pendingState.compareAndSet(null, lastState);
        }
        ArrayDeque<InFlight> inflight = new ArrayDeque<>();
        ArrayDeque<OutboxRecord> unsent = new ArrayDeque<>();
        long flushDeadline = Long.MAX_VALUE;
        try (Outbox.Reader reader = outbox.reader()) {
            while (s.isConnected()) {
                boolean progress = acknowledgeCompleted(inflight);
                if (statusWanted.getAndSet(false)) {
                    s.publish(topics.status(site), status(SiteStatus.ONLINE, uptime()), 1, true);
                }
                SiteState state = pendingState.getAndSet(null);
                if (state != null) {
                    s.publish(topics.state(site), WireWriter.encode(state), 1, true);
                }
                int room = config.inflight() - inflight.size() - unsent.size();
                if (room > 0) {
                    unsent.addAll(reader.next(room));
                }
                progress |= sendUnsent(s, unsent, inflight);
                if (stopping) {
                    flushDeadline = Math.min(
                            flushDeadline,
                            System.nanoTime() + config.flushTimeout().toNanos());
                    if (inflight.isEmpty() && outbox.depth() == 0) {
                        return;
                    }
                    if (System.nanoTime() > flushDeadline) {
                        LOG.log(
                                Level.WARNING,
                                "stopping with {0} events not yet acknowledged; they are sent at the" + " next start",
                                outbox.depth());
                        return;
                    }
                }
                if (!progress) {
                    awaitChange(IDLE_WAIT);
                }
            }
        }
        Throwable cause = s.lostCause();
        throw new IOException(cause == null ? "not connected" : MqttSession.describe(cause));
    }

    /** Publishes read records in order; Paho may briefly count acknowledged ones as in flight, then we retry. */
    private boolean sendUnsent(MqttSession s, ArrayDeque<OutboxRecord> unsent, ArrayDeque<InFlight> inflight)
            throws MqttException {
        boolean any = false;
        while (!unsent.isEmpty()) {
            OutboxRecord r = unsent.peek();
            try {
                inflight.add(new InFlight(r, s.publish(topics.events(site), r.payload(), 1, false)));
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    return any;
                }
                throw e;
            }
            unsent.poll();
            any = true;
        }
        return any;
    }

    private boolean acknowledgeCompleted(ArrayDeque<InFlight> inflight) throws MqttException {
        boolean any = false;
        while (!inflight.isEmpty() && inflight.peek().token().isComplete()) {
            InFlight done = inflight.poll();
            if (done.token().getException() != null) {
                throw done.token().getException();
            }
            outbox.acknowledge(done.record());
            eventsPublished.increment();
            any = true;
        }
        return any;
    }

    private void sayGoodbye(MqttSession s) {
        try {
            if (s.isConnected()) {
                s.publish(topics.status(site), status(SiteStatus.OFFLINE, uptime()), 1, true)
                        .waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "could not publish offline status: " + MqttSession.describe(e));
        }
        s.disconnect(Duration.ofSeconds(2));
    }

    private byte[] status(String status, long uptime) {
        return WireWriter.encode(
                new SiteStatus(Protocol.SCHEMA_VERSION, site, status, clock.instant(), agentVersion, uptime));
    }

    private long uptime() {
        return Duration.between(started, clock.instant()).toSeconds();
    }

    private void wake() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits out a backoff delay; only a stop cuts it short, new events do not. */
    private void awaitStopOr(Duration delay) {
        lock.lock();
        try {
            long nanos = delay.toNanos();
            while (!stopping && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange(Duration max) {
        lock.lock();
        try {
            long nanos = max.toNanos();
            while (!signalled && !stopping && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }
}
