package dev.vigil.agent.policy;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.protocol.EventTypes;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The configured recipes behind {@link FailoverPolicy}. All state lives on one thread: observations and ticks are
 * queued to it, so rules never race each other and {@link #accept} never blocks its caller.
 */
final class RuleBasedFailoverPolicy implements FailoverPolicy {
    private static final System.Logger LOG = System.getLogger(RuleBasedFailoverPolicy.class.getName());
    private static final long DRILL_ANSWER_SECONDS = 30;

    private final PolicyConfig config;
    private final PolicyState state;
    private final RouterActions actions;
    private final Executor executor;
    private final ScheduledExecutorService ticker;
    private final WanAwareVrrpRecipe wanAware;
    private final ServicesFollowMasterRecipe services;
    private volatile String drill;

    RuleBasedFailoverPolicy(
            PolicyConfig config,
            Map<String, RouterOsClient> routers,
            Map<String, String> wanRouters,
            Function<String, Optional<String>> wanState,
            ObservationSink sink,
            Clock clock,
            RepairPause pause,
            Pacer pacer,
            Executor executor,
            ScheduledExecutorService ticker) {
        this.config = config;
        this.state = new PolicyState(routers, wanRouters, wanState, clock);
        ActionGuard guard = new ActionGuard(config, clock, pause);
        this.actions = new RouterActions(config, guard, sink, clock, pacer);
        this.executor = executor;
        this.ticker = ticker;
        this.wanAware =
                config.wanAwareVrrp().isPresent() ? new WanAwareVrrpRecipe(config, state, actions, clock) : null;
        this.services = config.servicesFollowMaster().isPresent()
                ? new ServicesFollowMasterRecipe(config, state, actions, guard)
                : null;
    }

    static FailoverPolicy threaded(
            PolicyConfig config,
            Map<String, RouterOsClient> routers,
            Map<String, String> wanRouters,
            Function<String, Optional<String>> wanState,
            ObservationSink sink,
            Clock clock,
            RepairPause pause) {
        ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("failover-policy"));
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("failover-policy-tick"));
        RuleBasedFailoverPolicy policy = new RuleBasedFailoverPolicy(
                config, routers, wanRouters, wanState, sink, clock, pause, Pacer.SLEEP, worker, ticker);
        long ms = config.evaluateInterval().toMillis();
        ticker.scheduleWithFixedDelay(policy::tick, ms, ms, TimeUnit.MILLISECONDS);
        return policy;
    }

    @Override
    public void accept(Observation observation) {
        if (observation.type().startsWith("action.")) {
            return;
        }
        run(() -> handle(observation));
    }

    @Override
    public void tick() {
        run(this::evaluate);
    }

    private void handle(Observation o) {
        String type = o.type();
        if (type.startsWith("wan.")) {
            String wan = o.data().path("wan").asText(o.subject().replaceFirst("^wan/", ""));
            state.observeWan(wan, o.data().path("state").asText(type.substring(4)));
        } else if (type.equals(EventTypes.VRRP_SPLIT_BRAIN)) {
            state.observedSplitBrain = true;
        } else if (type.equals(EventTypes.VRRP_SPLIT_BRAIN_CLEARED)) {
            state.observedSplitBrain = false;
        }
        evaluate();
        for (PolicyConfig.ScriptRule rule : config.scripts()) {
            if (rule.on().equals(type)) {
                runScript(rule, o);
            }
        }
    }

    @Override
    public Optional<String> drillStarting(String commandId) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> answer.complete(admitDrill(commandId)));
        } catch (RejectedExecutionException e) {
            return Optional.of("the failover policy is stopped");
        }
        try {
            return answer.get(DRILL_ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking the failover policy");
        } catch (ExecutionException | TimeoutException e) {
            drillEnded(commandId); // queued behind the late answer: the drill is not left registered
            return Optional.of("the failover policy did not answer within " + DRILL_ANSWER_SECONDS + " s");
        }
    }

    private Optional<String> admitDrill(String commandId) {
        if (drill != null) {
            return Optional.of("failover drill " + drill + " is running");
        }
        Optional<String> held = wanAware == null ? Optional.empty() : wanAware.holding();
        if (held.isEmpty()) {
            drill = commandId;
        }
        return held;
    }

    @Override
    public void drillEnded(String commandId) {
        run(() -> {
            if (commandId.equals(drill)) {
                drill = null;
                evaluate();
            }
        });
    }

    private void evaluate() {
        if (wanAware != null && drill == null) {
            wanAware.evaluate();
        }
        if (services != null) {
            services.evaluate();
        }
    }

    private void runScript(PolicyConfig.ScriptRule rule, Observation o) {
        String router = rule.router();
        if (router.equals("master") || router.equals("backup")) {
            boolean wantMaster = router.equals("master");
            router = state.routers.keySet().stream()
                    .sorted()
                    .filter(r -> state.vrrp(
                                    r,
                                    config.wanAwareVrrp()
                                            .map(PolicyConfig.WanAwareVrrp::vrrpInterface)
                                            .orElse(null))
                            .map(v -> v.isMaster() == wantMaster)
                            .orElse(false))
                    .findFirst()
                    .orElse(null);
        }
        if (router == null || !state.routers.containsKey(router)) {
            actions.skipped(
                    "scripts",
                    String.valueOf(router == null ? rule.router() : router),
                    "run_script",
                    "/system/script " + rule.script(),
                    "no reachable router is " + rule.router());
            return;
        }
        actions.runScript(state.routers.get(router), "scripts", router, rule.script(), o.type() + " " + o.subject());
    }

    private void run(Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "failover policy evaluation failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: nothing more to do
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
