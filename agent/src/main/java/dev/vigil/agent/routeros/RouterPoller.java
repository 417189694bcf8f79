package dev.vigil.agent.routeros;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads one router every poll interval — {@code /system/resource}, {@code /interface/vrrp}, default routes — and
 * reports changes: {@code router.reachable}/{@code router.unreachable}, {@code router.vrrp_state} (compared with the
 * sniffer's view when given), {@code router.route_inactive}. A poll never overlaps the previous one and survives any
 * exception.
 */
public final class RouterPoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RouterPoller.class.getName());

    private final RouterOsClient client;
    private final RouterConfig config;
    private final ObservationSink sink;
    private final Clock clock;
    private final Function<Integer, Optional<String>> snifferMaster;
    private final Map<String, String> lastVrrp = new HashMap<>();
    private final Set<String> inactiveRoutes = new HashSet<>();
    private volatile RouterSnapshot latest;
    private Boolean wasReachable;
    private ScheduledFuture<?> task;
    private volatile ScheduledExecutorService scheduler;

    /**
     * @param snifferMaster VRID → the name (or address) of the router the VRRP sniffer hears as master; return empty
     *     when the sniffer has no view (then no comparison is made)
     */
    public RouterPoller(
            RouterOsClient client,
            RouterConfig config,
            ObservationSink sink,
            Clock clock,
            Function<Integer, Optional<String>> snifferMaster) {
        this.client = client;
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.snifferMaster = snifferMaster == null ? vrid -> Optional.empty() : snifferMaster;
    }

    /** Polls every {@code config.pollInterval()} on {@code scheduler} (fixed delay: never overlaps). */
    public RouterPoller start(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        long ms = config.pollInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One extra poll now on the poller's scheduler (never overlapping a scheduled one); completes with it. */
    public CompletableFuture<RouterSnapshot> pollNow() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(config.name() + " is not polled"));
        }
        return CompletableFuture.supplyAsync(this::poll, s);
    }

    public Optional<RouterSnapshot> latest() {
        return Optional.ofNullable(latest);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "poll of " + config.name() + " failed unexpectedly", e);
        }
    }

    /** One poll, blocking up to about three call deadlines; reports what changed and returns the snapshot. */
    public synchronized RouterSnapshot poll() {
        RouterSnapshot snapshot;
        try {
            snapshot = read();
        } catch (RouterOsException e) {
            snapshot = RouterSnapshot.unreachable(config.name(), config.host(), clock.instant(), e.getMessage());
        }
        report(snapshot);
        latest = snapshot;
        return snapshot;
    }

    private RouterSnapshot read() {
        Duration deadline = config.timeout();
        var resource = client.print(
                "/system/resource", List.of("version", "cpu-load", "free-memory", "total-memory", "uptime"));
        var vrrp = client.print("/interface/vrrp", VrrpInstance.PROPLIST);
        var routes = client.call(new Command(
                "/ip/route/print",
                Map.of(),
                List.of("dst-address=0.0.0.0/0", "dst-address=::/0", "#|"),
                List.of(".id", "dst-address", "gateway", "active", "disabled")));
        Map<String, String> res = join(resource, deadline).stream().findFirst().orElse(Map.of());
        List<VrrpInstance> instances =
                join(vrrp, deadline).stream().map(VrrpInstance::from).toList();
        List<RouterSnapshot.DefaultRoute> defaults = new ArrayList<>();
        for (Map<String, String> r : join(routes.thenApply(Reply::items), deadline)) {
            defaults.add(new RouterSnapshot.DefaultRoute(
                    r.get(".id"),
                    r.get("dst-address"),
                    r.get("gateway"),
                    Reply.flag(r, "active"),
                    Reply.flag(r, "disabled")));
        }
        Double cpu = parse(res.get("cpu-load"));
        Double free = parse(res.get("free-memory"));
        Double total = parse(res.get("total-memory"));
        Double memUsed = free == null || total == null || total == 0 ? null : 100.0 * (total - free) / total;
        return new RouterSnapshot(
                config.name(),
                config.host(),
                clock.instant(),
                true,
                null,
                res.get("version"),
                cpu,
                memUsed,
                DurationText.parse(res.get("uptime")),
                instances,
                defaults);
    }

    private void report(RouterSnapshot s) {
        if (!s.reachable()) {
            if (!Boolean.FALSE.equals(wasReachable)) {
                emit(EventTypes.ROUTER_UNREACHABLE, Severity.CRITICAL, base().put("error", s.error()));
                lastVrrp.clear();
            }
            wasReachable = false;
            return;
        }
        if (!Boolean.TRUE.equals(wasReachable)) {
            emit(EventTypes.ROUTER_REACHABLE, Severity.INFO, base().put("version", s.version()));
        }
        wasReachable = true;
        for (VrrpInstance v : s.vrrp()) {
            Optional<String> sniffed = snifferMaster.apply(v.vrid());
            Boolean agrees = sniffed.map(m -> v.isMaster() == (m.equals(config.name()) || m.equals(config.host())))
                    .orElse(null);
            String key = v.state() + "/" + v.priority() + "/" + agrees;
            if (!key.equals(lastVrrp.put(v.name(), key))) {
                ObjectNode data = base().put("vrrp", v.name())
                        .put("vrid", v.vrid())
                        .put("state", v.state())
                        .put("priority", v.priority());
                sniffed.ifPresent(m -> data.put("sniffer_master", m));
                if (agrees != null) {
                    data.put("agrees", agrees);
                }
                emit(
                        EventTypes.ROUTER_VRRP_STATE,
                        Boolean.FALSE.equals(agrees) ? Severity.WARNING : Severity.INFO,
                        data);
            }
        }
        for (RouterSnapshot.DefaultRoute r : s.routes()) {
            boolean inactive = !r.active() && !r.disabled();
            if (inactive && inactiveRoutes.add(r.id())) {
                emit(
                        EventTypes.ROUTER_ROUTE_INACTIVE,
                        Severity.WARNING,
                        base().put("dst_address", r.dstAddress()).put("gateway", r.gateway()));
            } else if (!inactive) {
                inactiveRoutes.remove(r.id());
            }
        }
    }

    private ObjectNode base() {
        return Json.object().put("router", config.name()).put("address", config.host());
    }

    private void emit(String type, Severity severity, ObjectNode data) {
        if (!type.equals(EventTypes.ROUTER_REACHABLE) && !type.equals(EventTypes.ROUTER_UNREACHABLE)) {
            data.remove("address");
        }
        sink.accept(new Observation(clock.instant(), type, severity, "router/" + config.name(), data));
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage, Duration deadline) {
        try {
            return stage.toCompletableFuture().get(deadline.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw ApiRouterOsClient.unwrap(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RouterOsException(RouterOsException.Kind.TIMEOUT, "poll did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterOsException(RouterOsException.Kind.CLOSED, "poll interrupted");
        }
    }

    private static Double parse(String text) {
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
