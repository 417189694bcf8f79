package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.routeros.Command;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.routeros.RouterOsException;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out one change on one router the careful way: guard (split brain, cooldown, budget), read before write
 * (nothing to do when already so), write, read back until converged, else roll back. Every outcome but "already so"
 * becomes an {@code action.*} observation with before/after values.
 */
final class RouterActions {
    /** What happened to a requested change. */
    enum Outcome {
        EXECUTED,
        ALREADY,
        SKIPPED,
        FAILED
    }

    /** One property of one item: {@code menu} item {@code id}, {@code property} to become {@code desired}. */
    record Change(
            String rule,
            String router,
            String action,
            String menu,
            String id,
            String target,
            String property,
            String desired,
            String reason) {}

    private final PolicyConfig config;
    private final ActionGuard guard;
    private final ObservationSink sink;
    private final Clock clock;
    private final Pacer pacer;
    private final java.util.Set<String> refusalsReported = new java.util.HashSet<>();

    RouterActions(PolicyConfig config, ActionGuard guard, ObservationSink sink, Clock clock, Pacer pacer) {
        this.config = config;
        this.guard = guard;
        this.sink = sink;
        this.clock = clock;
        this.pacer = pacer;
    }

    Outcome apply(RouterOsClient client, Change change) {
        String before;
        try {
            before = read(client, change);
        } catch (RouterOsException e) {
            return failed(change, null, "cannot read " + change.property() + ": " + e.getMessage(), false);
        }
        if (Objects.equals(normalise(before), normalise(change.desired()))) {
            return Outcome.ALREADY;
        }
        Optional<String> refused =
                guard.refuse(change.router(), change.action(), change.target() + "=" + change.desired());
        if (refused.isPresent()) {
            if (refusalsReported.add(
                    change.router() + "|" + change.action() + "|" + change.target() + "|" + refused.get())) {
                skipped(change.rule(), change.router(), change.action(), change.target(), refused.get());
            }
            return Outcome.SKIPPED;
        }
        refusalsReported.removeIf(k -> k.startsWith(change.router() + "|"));
        guard.record(change.router(), change.action(), change.target() + "=" + change.desired());
        if (config.dryRun()) {
            executed(change, before, change.desired(), true);
            return Outcome.EXECUTED;
        }
        try {
            write(client, change, change.desired());
            if (converged(client, change)) {
                executed(change, before, change.desired(), false);
                return Outcome.EXECUTED;
            }
            return failed(
                    change,
                    before,
                    "the router did not show " + change.property() + "=" + change.desired() + " within "
                            + config.verifyTimeout().toMillis() + " ms",
                    rollback(client, change, before));
        } catch (RouterOsException e) {
            return failed(change, before, e.getMessage(), rollback(client, change, before));
        }
    }

    /** Runs {@code /system/script/run}; verified by the script's run-count going up. */
    Outcome runScript(RouterOsClient client, String rule, String router, String script, String reason) {
        String target = "/system/script " + script;
        Optional<String> refused = guard.refuse(router, "run_script", target);
        try {
            List<Map<String, String>> found =
                    Calls.get(client.print("/system/script", List.of(".id", "name", "run-count"), "name=" + script));
            if (found.size() != 1) {
                skipped(rule, router, "run_script", target, "no script named '" + script + "' on " + router);
                return Outcome.SKIPPED;
            }
            if (refused.isPresent()) {
                skipped(rule, router, "run_script", target, refused.get());
                return Outcome.SKIPPED;
            }
            guard.record(router, "run_script", target);
            Change change = new Change(
                    rule,
                    router,
                    "run_script",
                    "/system/script",
                    found.get(0).get(".id"),
                    target,
                    "run-count",
                    null,
                    reason);
            String before = found.get(0).get("run-count");
            if (config.dryRun()) {
                executed(change, before, null, true);
                return Outcome.EXECUTED;
            }
            Calls.get(client.call(new Command("/system/script/run", Map.of("number", script), List.of(), List.of())));
            String after = Calls.get(client.print("/system/script", List.of("run-count"), "name=" + script))
                    .get(0)
                    .get("run-count");
            executed(change, before, after, false);
            return Outcome.EXECUTED;
        } catch (RouterOsException e) {
            Change change =
                    new Change(rule, router, "run_script", "/system/script", null, target, "run-count", null, reason);
            return failed(change, null, e.getMessage(), false);
        }
    }

    void skipped(String rule, String router, String action, String target, String reason) {
        ObjectNode data = Json.object()
                .put("rule", rule)
                .put("router", router)
                .put("action", action)
                .put("target", target)
                .put("reason", reason);
        sink.accept(
                new Observation(clock.instant(), EventTypes.ACTION_SKIPPED, Severity.INFO, "router/" + router, data));
    }

    private boolean converged(RouterOsClient client, Change change) {
        Instant deadline = clock.instant().plus(config.verifyTimeout());
        while (true) {
            if (Objects.equals(normalise(read(client, change)), normalise(change.desired()))) {
                return true;
            }
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            pacer.pause(config.verifyInterval());
        }
    }

    private boolean rollback(RouterOsClient client, Change change, String before) {
        if (before == null) {
            return false;
        }
        try {
            write(client, change, before);
            return Objects.equals(normalise(read(client, change)), normalise(before));
        } catch (RouterOsException e) {
            return false;
        }
    }

    private Outcome failed(Change change, String before, String error, boolean rolledBack) {
        ObjectNode data = data(change, before, null)
                .put("error", error)
                .put("rolled_back", rolledBack)
                .put("dry_run", config.dryRun());
        sink.accept(new Observation(
                clock.instant(), EventTypes.ACTION_FAILED, Severity.CRITICAL, "router/" + change.router(), data));
        return Outcome.FAILED;
    }

    private void executed(Change change, String before, String after, boolean dryRun) {
        ObjectNode data = data(change, before, after).put("dry_run", dryRun);
        sink.accept(new Observation(
                clock.instant(), EventTypes.ACTION_EXECUTED, Severity.WARNING, "router/" + change.router(), data));
    }

    private static ObjectNode data(Change change, String before, String after) {
        ObjectNode data = Json.object()
                .put("rule", change.rule())
                .put("router", change.router())
                .put("action", change.action())
                .put("target", change.target())
                .put("property", change.property());
        if (before != null) {
            data.put("before", before);
        }
        if (after != null) {
            data.put("after", after);
        }
        if (change.reason() != null) {
            data.put("reason", change.reason());
        }
        return data;
    }

    private static String read(RouterOsClient client, Change change) {
        List<Map<String, String>> items =
                Calls.get(client.print(change.menu(), List.of(".id", change.property()), ".id=" + change.id()));
        if (items.isEmpty()) {
            throw new RouterOsException(
                    RouterOsException.Kind.TRAP, change.target() + " no longer exists on " + change.router());
        }
        String value = items.get(0).get(change.property());
        return value == null && change.property().equals("disabled") ? "false" : value;
    }

    private static void write(RouterOsClient client, Change change, String value) {
        Calls.get(client.set(change.menu(), change.id(), Map.of(change.property(), value)));
    }

    private static String normalise(String value) {
        return "yes".equals(value) ? "true" : "no".equals(value) ? "false" : value;
    }
}
