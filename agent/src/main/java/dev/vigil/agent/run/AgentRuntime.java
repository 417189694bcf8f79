package dev.vigil.agent.run;

import dev.vigil.agent.command.CommandDispatcher;
import dev.vigil.agent.command.CommandVerifier;
import dev.vigil.agent.command.CommandsConfig;
import dev.vigil.agent.command.ReplayRecord;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.policy.RepairPause;
import dev.vigil.agent.publish.FileOutbox;
import dev.vigil.agent.publish.OutboxSink;
import dev.vigil.agent.publish.Publisher;
import dev.vigil.agent.status.MetricsRegistry;
import dev.vigil.agent.status.StatusServer;
import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteMetrics;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running agent: outbox, publisher, status endpoints and the site's observers, wired from one config. Every
 * observation goes to the outbox (as an event) and to the parts that react to observations (the failover policy).
 */
public final class AgentRuntime implements AutoCloseable {
    private static final Logger LOG = System.getLogger(AgentRuntime.class.getName());
    private static final long STATE_CHECK_MS = 1_000;

    private final AgentConfig config;
    private final Clock clock;
    private final FileOutbox outbox;
    private final OutboxSink events;
    private final Publisher publisher;
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final ScheduledExecutorService ticker;
    private final List<ObservationSink> reactors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final SiteParts site;
    private final StateTracker state;
    private StatusServer status;
    private boolean closed;

    private AgentRuntime(AgentConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.outbox = FileOutbox.open(config.outbox().dir(), config.outbox().settings(), clock);
        this.events = new OutboxSink(config.site(), outbox, clock);
        this.publisher = Publisher.mqtt(config.mqtt(), config.site(), AgentVersion.current(), outbox, clock);
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vigil-agent-ticker"));
        this.site = new SiteParts();
        this.state = new StateTracker(
                config.site(), clock, site::routers, site::vrrpGroups, site::wans, publisher::publishState);
        RuntimeMetrics.register(metrics, outbox, events, publisher, clock);
    }

    /** Starts everything; on failure what was started is stopped again. */
    public static AgentRuntime start(AgentConfig config, Clock clock, Path configFile) throws IOException {
        AgentRuntime runtime = new AgentRuntime(config, clock);
        try {
            runtime.startParts(configFile);
            return runtime;
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startParts(Path configFile) throws IOException {
        if (config.http().enabled()) {
            status = StatusServer.start(
                    config.http().listen(), metrics, () -> RuntimeMetrics.health(outbox, events, publisher));
        }
        sink().accept(new Observation(
                clock.instant(),
                EventTypes.AGENT_STARTED,
                Severity.INFO,
                "agent",
                Json.object().put("version", AgentVersion.current()).put("config", String.valueOf(configFile))));
        RepairPause pause = RepairPause.open(config.commands().stateDir(), sink(), clock);
        site.start(config, sink(), clock, parts, reactors, metrics, pause);
        startCommands(pause);
        publisher.start();
        state.check();
        ticker.scheduleWithFixedDelay(
                guarded("state", state::check), STATE_CHECK_MS, STATE_CHECK_MS, TimeUnit.MILLISECONDS);
        long metricsMs = config.mqtt().metricsInterval().toMillis();
        ticker.scheduleWithFixedDelay(
                guarded("metrics", this::publishMetrics), metricsMs, metricsMs, TimeUnit.MILLISECONDS);
        LOG.log(
                Level.INFO,
                "agent for site {0} running; publishing to {1}",
                config.site(),
                config.mqtt().url());
    }

    /** Commands from the collector: verified, then run by the site's actions; the publisher subscribes for them. */
    private void startCommands(RepairPause pause) throws IOException {
        CommandsConfig commands = config.commands();
        ReplayRecord replay = ReplayRecord.open(commands.stateDir(), clock);
        parts.add(replay);
        if (commands.key().isEmpty()) {
            LOG.log(
                    Level.INFO,
                    "commands are off (no commands.public_key): every command is answered with command.rejected"
                            + " not_configured");
        }
        CommandVerifier verifier =
                new CommandVerifier(config.site(), commands.publicKey(), commands.maxClockSkew(), replay, clock);
        CommandDispatcher dispatcher =
                new CommandDispatcher(verifier, site.commandActions(pause, this::republish), sink(), clock);
        publisher.onCommand(dispatcher::handle);
        ticker.scheduleWithFixedDelay(
                guarded("pause", pause::expireIfDue), STATE_CHECK_MS, STATE_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    private boolean republish() {
        state.publishNow();
        publisher.refreshStatus();
        return publisher.isConnected();
    }

    /** Where every part reports: the outbox, the reacting parts, and a state check. */
    public ObservationSink sink() {
        return observation -> {
            events.accept(observation);
            for (ObservationSink reactor : reactors) {
                try {
                    reactor.accept(observation);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "a part failed on " + observation.type(), e);
                }
            }
            if (!ticker.isShutdown()) {
                ticker.execute(guarded("state", state::check));
            }
        };
    }

    public Optional<InetSocketAddress> statusAddress() {
        return Optional.ofNullable(status).map(StatusServer::address);
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    public Publisher publisher() {
        return publisher;
    }

    private void publishMetrics() {
        publisher.publishMetrics(
                new SiteMetrics(Protocol.SCHEMA_VERSION, config.site(), clock.instant(), site.wanMetrics(), null));
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "periodic " + what + " task failed; it runs again next time", e);
            }
        };
    }

    /** Stops the observers, delivers what is left (up to mqtt.flush_timeout), publishes offline, closes the outbox. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping a part failed: " + e.getMessage());
            }
        }
        events.accept(
                new Observation(clock.instant(), EventTypes.AGENT_STOPPING, Severity.INFO, "agent", Json.object()));
        ticker.shutdownNow();
        publisher.close();
        outbox.close();
        if (status != null) {
            status.close();
        }
        LOG.log(Level.INFO, "agent for site {0} stopped", config.site());
    }
}
