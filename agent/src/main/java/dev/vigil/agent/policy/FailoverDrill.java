package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandAction;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.command.CommandRequest;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code failover_drill {hold_s}} command (docs/commands.md): proves the backup router takes over by demoting the
 * master, measuring the takeover, NAT and DHCP following, holding, and restoring. One drill at a time; the failover
 * policy is told, so that its wan-aware rule does not fight the drill while NAT and DHCP keep following.
 */
public final class FailoverDrill implements CommandAction {
    public static final int DEFAULT_HOLD_S = 30;
    public static final int MAX_HOLD_S = 600;
    public static final Duration WAIT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(FailoverDrill.class.getName());
    /** {@link #running} while the restore of an interrupted drill runs (command ids are ULIDs). */
    private static final String RESTORING = "restoring";

    private final DrillParts parts;
    private final Executor executor;
    private final AtomicReference<String> running = new AtomicReference<>();

    /**
     * @param routers the pair's clients by router name
     * @param routerConfigs {@code routers[]}: each {@code host} must be the address the router advertises VRRP from
     * @param wanRouters {@code wans[].name → wans[].router}
     * @param wanState a WAN's state ({@code up}, {@code degraded}, {@code down}, {@code unknown})
     * @param sniffer the VRRP observer's groups
     * @param stateDir {@code commands.state_dir}: where a running drill records what to restore
     */
    public FailoverDrill(
            PolicyConfig policy,
            Map<String, RouterOsClient> routers,
            List<RouterConfig> routerConfigs,
            Map<String, String> wanRouters,
            Function<String, Optional<String>> wanState,
            Supplier<List<VrrpGroupView>> sniffer,
            FailoverPolicy failoverPolicy,
            ObservationSink sink,
            Clock clock,
            Path stateDir) {
        this(
                new DrillParts(
                        policy,
                        routers,
                        addresses(routerConfigs),
                        wanRouters,
                        wanState,
                        sniffer,
                        failoverPolicy,
                        sink,
                        clock,
                        Pacer.SLEEP,
                        WAIT_TIMEOUT,
                        RESTORE_TIMEOUT,
                        policy.verifyInterval(),
                        stateDir),
                task -> DaemonThreads.named("failover-drill").newThread(task).start());
    }

    FailoverDrill(DrillParts parts, Executor executor) {
        this.parts = parts;
        this.executor = executor;
    }

    @Override
    public String name() {
        return CommandActions.FAILOVER_DRILL;
    }

    @Override
    public Optional<String> checkArgs(ObjectNode args) {
        if (args == null) {
            return Optional.empty();
        }
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("hold_s")) {
                return Optional.of("failover_drill takes only hold_s, found " + shorten(name));
            }
        }
        JsonNode hold = args.get("hold_s");
        if (hold == null) {
            return Optional.empty();
        }
        if (!hold.isIntegralNumber()) {
            return Optional.of("hold_s must be a whole number of seconds from 1 to " + MAX_HOLD_S + ", found "
                    + shorten(hold.toString()));
        }
        if (!hold.canConvertToInt() || hold.intValue() < 1 || hold.intValue() > MAX_HOLD_S) {
            return Optional.of("hold_s must be 1 to " + MAX_HOLD_S + ", found " + shorten(hold.asText()));
        }
        return Optional.empty();
    }

    @Override
    public CompletionStage<ObjectNode> run(CommandRequest request) {
        Optional<String> bad = checkArgs(request.args());
        if (bad.isPresent()) {
            return CompletableFuture.failedFuture(new CommandFailedException("bad_args", bad.get()));
        }
        if (!running.compareAndSet(null, request.id())) {
            String other = running.get();
            return CompletableFuture.failedFuture(new CommandFailedException(
                    "busy",
                    RESTORING.equals(other)
                            ? "the restore of a drill interrupted by the agent's stop is still running"
                            : "failover drill " + other + " is still running"));
        }
        int hold = request.args() == null || !request.args().has("hold_s")
                ? DEFAULT_HOLD_S
                : request.args().get("hold_s").intValue();
        CompletableFuture<ObjectNode> done = new CompletableFuture<>();
        try {
            executor.execute(() -> drill(request.id(), hold, done));
        } catch (RejectedExecutionException e) {
            running.set(null);
            done.completeExceptionally(new CommandFailedException("busy", "cannot start the drill: " + e));
        }
        return done;
    }

    /**
     * At start, on the drill's thread: restores the priority a drill interrupted by the agent's stop left lowered
     * ({@link DrillRestoreRecord}); a drill asked for meanwhile is {@code busy}.
     */
    public void restoreInterrupted() {
        if (!running.compareAndSet(null, RESTORING)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    InterruptedDrill.restore(parts);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "the restore of an interrupted drill failed", e);
                } finally {
                    running.set(null);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(null);
            LOG.log(System.Logger.Level.ERROR, "cannot start the restore of an interrupted drill: " + e);
        }
    }

    private void drill(String id, int hold, CompletableFuture<ObjectNode> done) {
        ObjectNode result = null;
        RuntimeException failure = null;
        try {
            result = new DrillRun(parts, id, hold).execute();
        } catch (CommandFailedException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new CommandFailedException("drill_error", "the drill failed: " + e.getMessage());
        } finally {
            running.set(null);
        }
        if (failure != null) {
            done.completeExceptionally(failure);
        } else {
            done.complete(result);
        }
    }

    private static Map<String, String> addresses(List<RouterConfig> routers) {
        Map<String, String> out = new LinkedHashMap<>();
        routers.forEach(r -> out.put(r.name(), r.host()));
        return out;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
