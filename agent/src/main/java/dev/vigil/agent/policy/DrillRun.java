package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.routeros.RouterOsException;
import dev.vigil.agent.routeros.VrrpInstance;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One failover drill, run on its own thread: check the pair, demote the master the way the wan-aware rule does,
 * measure the takeover (sniffer) and NAT/DHCP following (router APIs), hold, restore with retries and measure the way
 * back. Every figure is measured from the instant before the write that caused it.
 */
final class DrillRun {
    static final String RULE = "failover_drill";
    static final String RESTORE_FAILED = "restore_failed";
    static final String DEMOTE_FAILED = "demote_failed";
    static final String ERROR = "drill_error";
    /** Reasons that end the command in {@code command.failed}; the others complete it with {@code passed: false}. */
    private static final Set<String> FAILING = Set.of(RESTORE_FAILED, DEMOTE_FAILED, ERROR);

    private static final System.Logger LOG = System.getLogger(DrillRun.class.getName());
    private static final Duration HOLD_STEP = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(8);

    private final DrillParts parts;
    private final String commandId;
    private final int holdS;
    private final RouterActions actions;
    private final ObjectNode result = Json.object();
    private final Map<String, Integer> priorities = new TreeMap<>();
    private String reason;
    private String detail;

    DrillRun(DrillParts parts, String commandId, int holdS) {
        this.parts = parts;
        this.commandId = commandId;
        this.holdS = holdS;
        this.actions = actions(parts);
    }

    /** The drill's own writes, see {@link #forDrill}. */
    static RouterActions actions(DrillParts parts) {
        PolicyConfig config = forDrill(parts.policy());
        return new RouterActions(
                config,
                // never paused: a drill starts only while repairs run, and its restore must not wait for a pause
                new ActionGuard(config, parts.clock(), RepairPause.inMemory(parts.sink(), parts.clock())),
                parts.sink(),
                parts.clock(),
                parts.pacer());
    }

    /** The result of {@code command.completed}; throws for {@code unhealthy_pair}, {@code demote_failed}, restore. */
    ObjectNode execute() {
        PairCheck.Pair pair = PairCheck.check(parts, commandId);
        try {
            return drill(pair);
        } finally {
            parts.failoverPolicy().drillEnded(commandId);
        }
    }

    private ObjectNode drill(PairCheck.Pair pair) {
        result.put("command_id", commandId)
                .put("from_router", pair.master())
                .put("to_router", pair.backup())
                .put("hold_s", holdS);
        int original = pair.masterVrrp().priority();
        int demoteTo = Math.min(
                parts.policy()
                        .wanAwareVrrp()
                        .map(PolicyConfig.WanAwareVrrp::demoteTo)
                        .orElse(PolicyConfig.DEFAULT_DEMOTE_TO),
                pair.backupVrrp().priority() - 1);
        result.put("original_priority", original).put("demoted_to", demoteTo);
        priorities.put(pair.master(), original);
        priorities.put(pair.backup(), pair.backupVrrp().priority());

        remember(pair, original, demoteTo);
        Instant demotedAt = parts.clock().instant();
        RouterActions.Outcome demoted =
                setPriority(pair, demoteTo, "failover drill " + commandId + ": " + pair.backup() + " is to take over");
        if (demoted != RouterActions.Outcome.EXECUTED && demoted != RouterActions.Outcome.ALREADY) {
            notPassed(
                    DEMOTE_FAILED,
                    "could not set the priority of " + pair.master() + " to " + demoteTo
                            + " (action.failed says whether it was rolled back)"
                            + (forgetIfUnchanged(pair, original)
                                    ? ""
                                    : "; it may be left demoted: the agent restores it at its next start"));
            return finish();
        }
        priorities.put(pair.master(), demoteTo);
        try {
            measure(pair, demotedAt);
            hold(pair);
        } catch (RuntimeException e) {
            notPassed(ERROR, "the drill failed before the restore: " + e.getMessage());
        }
        restore(pair, original);
        return finish();
    }

    /** Takeover, NAT and DHCP are watched together: the repair may follow before the sniffer hears the advert. */
    private void measure(PairCheck.Pair pair, Instant demotedAt) {
        Optional<PolicyConfig.ServicesFollowMaster> services = parts.policy().servicesFollowMaster();
        String nat = services.map(PolicyConfig.ServicesFollowMaster::natComment).orElse(null);
        String dhcp =
                services.map(PolicyConfig.ServicesFollowMaster::dhcpServer).orElse(null);
        Instant deadline = demotedAt.plus(parts.waitTimeout());
        Instant takeoverAt = null;
        Instant natAt = null;
        Instant dhcpAt = null;
        while (true) {
            Instant now = parts.clock().instant();
            if (takeoverAt == null) {
                takeoverAt = heardAsMaster(pair, pair.backup()).orElse(null);
            }
            if (nat != null && natAt == null && natOn(pair.backup(), nat).orElse(false)) {
                natAt = now;
            }
            if (dhcp != null && dhcpAt == null && dhcpOn(pair.backup(), dhcp).orElse(false)) {
                dhcpAt = now;
            }
            boolean all = takeoverAt != null && (nat == null || natAt != null) && (dhcp == null || dhcpAt != null);
            if (all || !now.isBefore(deadline)) {
                break;
            }
            parts.pacer().pause(parts.poll());
        }
        String within = " within " + parts.waitTimeout().toSeconds() + " s of the demotion";
        if (takeoverAt != null) {
            result.put("takeover_ms", millis(demotedAt, takeoverAt));
        } else {
            notPassed("takeover_timeout", pair.backup() + " was not heard as VRRP master" + within);
        }
        if (natAt != null) {
            result.put("nat_ms", millis(demotedAt, natAt));
        } else if (nat != null) {
            notPassed("nat_timeout", "the NAT rule '" + nat + "' was not enabled on " + pair.backup() + within);
        }
        if (dhcpAt != null) {
            result.put("dhcp_ms", millis(demotedAt, dhcpAt));
        } else if (dhcp != null) {
            notPassed("dhcp_timeout", "the DHCP server '" + dhcp + "' was not enabled on " + pair.backup() + within);
        }
    }

    private void hold(PairCheck.Pair pair) {
        Instant end = parts.clock().instant().plusSeconds(holdS);
        while (parts.clock().instant().isBefore(end)) {
            List<String> wans = parts.wansOf(pair.backup());
            if (!wans.isEmpty() && wans.stream().allMatch(w -> parts.wanState(w).equals("down"))) {
                notPassed(
                        "backup_wan_down",
                        "every WAN of " + pair.backup() + " went down during the hold: restored early");
                return;
            }
            Duration left = Duration.between(parts.clock().instant(), end);
            if (!left.isNegative() && !left.isZero()) {
                parts.pacer().pause(left.compareTo(HOLD_STEP) < 0 ? left : HOLD_STEP);
            }
        }
    }

    private void restore(PairCheck.Pair pair, int original) {
        Instant restoreAt = parts.clock().instant();
        Restored restored = restorePriority(
                parts,
                actions,
                change(
                        pair.master(),
                        pair.masterVrrp(),
                        original,
                        "failover drill " + commandId + ": restore after the hold"));
        result.put("restore_attempts", restored.attempts());
        if (!restored.done()) {
            restoreFailed(
                    pair,
                    "the priority of " + pair.master() + " could not be restored to " + original + " in "
                            + restored.attempts() + " attempts within "
                            + parts.restoreTimeout().toSeconds()
                            + " s; the agent tries again at its next start");
            return;
        }
        forget();
        priorities.put(pair.master(), original);
        Instant waitUntil = restoreAt.plus(parts.waitTimeout());
        Instant backAt = null;
        Instant servicesAt = null;
        while (backAt == null || servicesAt == null) {
            if (backAt == null) {
                backAt = heardAsMaster(pair, pair.master()).orElse(null);
            }
            if (servicesAt == null) {
                servicesAt = servicesBack(pair).orElse(null);
            }
            if (!parts.clock().instant().isBefore(waitUntil)) {
                break;
            }
            if (backAt == null || servicesAt == null) {
                parts.pacer().pause(parts.poll());
            }
        }
        if (backAt == null || servicesAt == null) {
            restoreFailed(
                    pair,
                    "the priority of " + pair.master() + " is restored but "
                            + (backAt == null
                                    ? "it was not heard as VRRP master again"
                                    : "NAT/DHCP did not follow back")
                            + " within " + parts.waitTimeout().toSeconds() + " s");
            return;
        }
        Instant last = backAt.isAfter(servicesAt) ? backAt : servicesAt;
        result.put("restore_ms", millis(restoreAt, last));
    }

    /** Whether the original priority was written back, and in how many attempts. */
    record Restored(boolean done, int attempts) {}

    /** Writes the priority back, retried after 1, 2, 4, 8, 8 … s for up to {@code restoreTimeout}. */
    static Restored restorePriority(DrillParts parts, RouterActions actions, RouterActions.Change change) {
        Instant deadline = parts.clock().instant().plus(parts.restoreTimeout());
        Duration retry = FIRST_RETRY;
        int attempts = 0;
        while (true) {
            attempts++;
            RouterActions.Outcome outcome = actions.apply(parts.routers().get(change.router()), change);
            if (outcome == RouterActions.Outcome.EXECUTED || outcome == RouterActions.Outcome.ALREADY) {
                return new Restored(true, attempts);
            }
            if (!parts.clock().instant().isBefore(deadline)) {
                return new Restored(false, attempts);
            }
            parts.pacer().pause(retry);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
    }

    static RouterActions.Change change(String router, VrrpInstance vrrp, int priority, String why) {
        return change(router, vrrp.id(), vrrp.name(), priority, why);
    }

    static RouterActions.Change change(String router, String vrrpId, String vrrpName, int priority, String why) {
        return new RouterActions.Change(
                RULE,
                router,
                "set_vrrp_priority",
                "/interface/vrrp",
                vrrpId,
                "/interface/vrrp " + vrrpName,
                "priority",
                Integer.toString(priority),
                why);
    }

    private RouterActions.Outcome setPriority(PairCheck.Pair pair, int priority, String why) {
        return actions.apply(
                parts.routers().get(pair.master()), change(pair.master(), pair.masterVrrp(), priority, why));
    }

    /** Durably, before the demotion: what the next start must undo should the agent die before the restore. */
    private void remember(PairCheck.Pair pair, int original, int demoteTo) {
        DrillRestoreRecord record = new DrillRestoreRecord(
                commandId,
                pair.master(),
                pair.backup(),
                pair.masterVrrp().id(),
                pair.masterVrrp().name(),
                original,
                demoteTo,
                parts.clock().instant());
        try {
            record.write(parts.stateDir());
        } catch (IOException e) {
            throw new CommandFailedException(
                    ERROR,
                    "cannot record the drill in " + parts.stateDir() + " before demoting " + pair.master() + ": "
                            + e.getMessage() + "; nothing was changed");
        }
    }

    /** After a failed demotion: drops the record when the master shows its original priority, else keeps it. */
    private boolean forgetIfUnchanged(PairCheck.Pair pair, int original) {
        try {
            if (parts.vrrp(pair.master()).map(VrrpInstance::priority).orElse(-1) == original) {
                forget();
                return true;
            }
        } catch (RouterOsException e) {
            // cannot tell: keep the record, a restore at the next start finds it already so or fixes it
        }
        return false;
    }

    private void forget() {
        try {
            DrillRestoreRecord.delete(parts.stateDir());
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot delete the drill record in " + parts.stateDir() + ": " + e.getMessage()
                            + " (the next start finds the priority already restored)");
        }
    }

    /** When the sniffer began to hear {@code router} as the one master of the group, if it does now. */
    private Optional<Instant> heardAsMaster(PairCheck.Pair pair, String router) {
        Optional<VrrpGroupView> group = parts.group(pair.masterVrrp().vrid(), pair.master());
        return group.filter(g -> "master".equals(g.state()))
                .filter(g -> parts.addresses().get(router).equals(g.master()))
                .map(g -> g.since() == null ? parts.clock().instant() : g.since());
    }

    private Optional<Instant> servicesBack(PairCheck.Pair pair) {
        Optional<PolicyConfig.ServicesFollowMaster> services = parts.policy().servicesFollowMaster();
        if (services.isEmpty()) {
            return Optional.of(parts.clock().instant());
        }
        String nat = services.get().natComment();
        String dhcp = services.get().dhcpServer();
        boolean back = (nat == null
                        || natOn(pair.master(), nat).orElse(false)
                                && !natOn(pair.backup(), nat).orElse(true))
                && (dhcp == null
                        || dhcpOn(pair.master(), dhcp).orElse(false)
                                && !dhcpOn(pair.backup(), dhcp).orElse(true));
        return back ? Optional.of(parts.clock().instant()) : Optional.empty();
    }

    private Optional<Boolean> natOn(String router, String comment) {
        return parts.enabled(router, "/ip/firewall/nat", "comment", comment);
    }

    private Optional<Boolean> dhcpOn(String router, String name) {
        return parts.enabled(router, "/ip/dhcp-server", "name", name);
    }

    private void restoreFailed(PairCheck.Pair pair, String why) {
        reason = null;
        notPassed(RESTORE_FAILED, why);
        ObjectNode state = result.putObject("pair");
        parts.group(pair.masterVrrp().vrid(), pair.master()).ifPresent(g -> {
            state.put("sniffer_state", g.state());
            if (g.master() != null) {
                state.put("master", parts.routerAt(g.master()));
            }
        });
        ObjectNode known = state.putObject("priorities");
        ArrayNode unreachable = state.putArray("unreachable");
        for (String router : priorities.keySet()) {
            try {
                parts.vrrp(router).ifPresent(v -> priorities.put(router, v.priority()));
            } catch (RouterOsException e) {
                unreachable.add(router);
            }
            known.put(router, priorities.get(router));
        }
        state.put("demoted", pair.master());
    }

    private void notPassed(String why, String sentence) {
        if (reason == null) {
            reason = why;
        }
        detail = detail == null ? sentence : detail + "; " + sentence;
    }

    private ObjectNode finish() {
        boolean passed = reason == null;
        result.put("passed", passed);
        if (!passed) {
            result.put("reason", reason).put("detail", detail);
        }
        parts.sink()
                .accept(new Observation(
                        parts.clock().instant(),
                        EventTypes.DRILL_COMPLETED,
                        passed ? Severity.INFO : Severity.WARNING,
                        "command/" + commandId,
                        result.deepCopy()));
        if (reason != null && FAILING.contains(reason)) {
            throw new CommandFailedException(reason, detail, result.deepCopy());
        }
        return result;
    }

    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    /** The drill's own writes: never dry-run, no cooldown, its own pair check instead of the split-brain guard. */
    static PolicyConfig forDrill(PolicyConfig p) {
        return new PolicyConfig(
                false,
                true,
                Duration.ZERO,
                10_000,
                p.budgetWindow(),
                p.verifyTimeout(),
                p.verifyInterval(),
                p.evaluateInterval(),
                p.flapChanges(),
                p.flapWindow(),
                p.wanAwareVrrp(),
                Optional.empty(),
                List.of());
    }
}
