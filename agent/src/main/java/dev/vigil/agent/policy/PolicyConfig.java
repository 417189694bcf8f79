package dev.vigil.agent.policy;

import dev.vigil.agent.config.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code policy} section: which recipes run and the limits every action respects. Every key and default is in
 * docs/routeros.md.
 */
public record PolicyConfig(
        boolean dryRun,
        boolean actDuringSplitBrain,
        Duration cooldown,
        int maxActionsPerRouter,
        Duration budgetWindow,
        Duration verifyTimeout,
        Duration verifyInterval,
        Duration evaluateInterval,
        int flapChanges,
        Duration flapWindow,
        Optional<WanAwareVrrp> wanAwareVrrp,
        Optional<ServicesFollowMaster> servicesFollowMaster,
        List<ScriptRule> scripts) {

    /** Recipe (a): demote the master whose WANs are all down while the backup's are up; restore after a hold. */
    public record WanAwareVrrp(String vrrpInterface, int demoteTo, Duration restoreHold) {}

    /** Recipe (b): the NAT rule with this exact comment and the DHCP server with this name run on the master only. */
    public record ServicesFollowMaster(String natComment, String dhcpServer) {}

    /** Recipe (c): run {@code script} on {@code router} ({@code master}, {@code backup} or a name) on observation {@code on}. */
    public record ScriptRule(String on, String router, String script) {}

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ACTIONS = 20;
    public static final Duration DEFAULT_BUDGET_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_VERIFY_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_EVALUATE_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_DEMOTE_TO = 50;
    public static final Duration DEFAULT_RESTORE_HOLD = Duration.ofSeconds(30);

    public PolicyConfig {
        scripts = List.copyOf(scripts);
    }

    /** Nothing enabled: the policy only watches. */
    public static PolicyConfig disabled() {
        return new PolicyConfig(
                false,
                false,
                DEFAULT_COOLDOWN,
                DEFAULT_MAX_ACTIONS,
                DEFAULT_BUDGET_WINDOW,
                DEFAULT_VERIFY_TIMEOUT,
                DEFAULT_VERIFY_INTERVAL,
                DEFAULT_EVALUATE_INTERVAL,
                4,
                Duration.ofMinutes(2),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    /** Parses the {@code policy} mapping (missing: nothing enabled). */
    public static PolicyConfig parse(ConfigNode node) {
        if (!node.isPresent()) {
            return disabled();
        }
        node.allowOnly(
                "dry_run",
                "act_during_split_brain",
                "cooldown",
                "max_actions_per_router",
                "budget_window",
                "verify_timeout",
                "verify_interval",
                "evaluate_interval",
                "flapping",
                "wan_aware_vrrp",
                "services_follow_master",
                "scripts");
        ConfigNode flapping = node.child("flapping");
        flapping.allowOnly("changes", "window");
        return new PolicyConfig(
                node.bool("dry_run", false),
                node.bool("act_during_split_brain", false),
                node.duration("cooldown", DEFAULT_COOLDOWN, Duration.ZERO, Duration.ofHours(24)),
                node.integer("max_actions_per_router", DEFAULT_MAX_ACTIONS, 1, 10_000),
                node.duration("budget_window", DEFAULT_BUDGET_WINDOW, Duration.ofMinutes(1), Duration.ofDays(1)),
                node.duration("verify_timeout", DEFAULT_VERIFY_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5)),
                node.duration(
                        "verify_interval", DEFAULT_VERIFY_INTERVAL, Duration.ofMillis(10), Duration.ofSeconds(30)),
                node.duration(
                        "evaluate_interval", DEFAULT_EVALUATE_INTERVAL, Duration.ofMillis(100), Duration.ofMinutes(1)),
                flapping.integer("changes", 4, 2, 1000),
                flapping.duration("window", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(24)),
                wanAware(node.child("wan_aware_vrrp")),
                services(node.child("services_follow_master")),
                scripts(node));
    }

    /** {@code wans[].name → wans[].router} from the root (the probe section owns the rest of {@code wans}). */
    public static Map<String, String> wanRouters(ConfigNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigNode wan : root.list("wans")) {
            String name = wan.string("name", null);
            String router = wan.string("router", null);
            if (name != null && router != null) {
                out.put(name, router);
            }
        }
        return out;
    }

    private static Optional<WanAwareVrrp> wanAware(ConfigNode node) {
        if (!node.isPresent()) {
            return Optional.empty();
        }
        node.allowOnly("vrrp_interface", "demote_to", "restore_hold");
        String vrrp = node.requiredString("vrrp_interface");
        int demoteTo = node.integer("demote_to", DEFAULT_DEMOTE_TO, 1, 254);
        Duration hold = node.duration("restore_hold", DEFAULT_RESTORE_HOLD, Duration.ZERO, Duration.ofHours(24));
        return vrrp == null ? Optional.empty() : Optional.of(new WanAwareVrrp(vrrp, demoteTo, hold));
    }

    private static Optional<ServicesFollowMaster> services(ConfigNode node) {
        if (!node.isPresent()) {
            return Optional.empty();
        }
        node.allowOnly("nat_comment", "dhcp_server");
        String nat = node.string("nat_comment", null);
        String dhcp = node.string("dhcp_server", null);
        if (nat == null && dhcp == null) {
            node.problem("give nat_comment, dhcp_server or both");
            return Optional.empty();
        }
        return Optional.of(new ServicesFollowMaster(nat, dhcp));
    }

    private static List<ScriptRule> scripts(ConfigNode node) {
        List<ScriptRule> rules = new ArrayList<>();
        for (ConfigNode item : node.list("scripts")) {
            item.allowOnly("on", "router", "script");
            String on = item.requiredString("on");
            if (on != null && !on.matches("[a-z]+(\\.[a-z_]+)+")) {
                item.problem("on", on, "must be an observation type such as wan.down or vrrp.master_changed");
                on = null;
            }
            String router = item.string("router", "master");
            String script = item.requiredString("script");
            if (on != null && script != null) {
                rules.add(new ScriptRule(on, router, script));
            }
        }
        return rules;
    }
}
