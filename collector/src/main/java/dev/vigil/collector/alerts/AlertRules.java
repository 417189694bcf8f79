package dev.vigil.collector.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.alerts.AlertAction.Open;
import dev.vigil.collector.alerts.AlertAction.Resolve;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The alert rules: which events open or resolve which alert. Pure functions; the engine applies the result. Rules
 * without a clearing event ({@link #RESOLVED_BY_ACK}) are resolved when someone acknowledges them.
 */
public final class AlertRules {
    public static final String SITE_OFFLINE = "site_offline";
    public static final String FAILOVER = "failover";
    public static final String MASTER_LOST = "master_lost";
    public static final String SPLIT_BRAIN = "split_brain";
    public static final String WAN_DOWN = "wan_down";
    public static final String WAN_DEGRADED = "wan_degraded";
    public static final String ACTION_FAILED = "action_failed";
    public static final String CONFIG_MISMATCH = "config_mismatch";
    public static final String FLAPPING = "flapping";
    public static final String PREFERRED_NOT_MASTER = "preferred_not_master";
    public static final String ROUTER_UNREACHABLE = "router_unreachable";
    public static final Set<String> RESOLVED_BY_ACK = Set.of(CONFIG_MISMATCH);
    private static final String AGENT = "agent";

    private AlertRules() {}

    /**
     * @param usualMaster (site, group subject) → the group's usual master, null when unknown
     */
    public static List<AlertAction> forEvent(Event e, BinaryOperator<String> usualMaster) {
        String site = e.site();
        String subject = e.subject();
        ObjectNode d = e.data();
        return switch (e.type()) {
            case EventTypes.VRRP_MASTER_CHANGED -> {
                String master = text(d, "master");
                String usual = usualMaster.apply(site, subject);
                Resolve lost = new Resolve(MASTER_LOST, subject, "a master took over");
                if (usual != null && usual.equals(master)) {
                    yield List.of(
                            lost,
                            new Resolve(FAILOVER, subject, "the usual master " + master + " is back"),
                            new Resolve(PREFERRED_NOT_MASTER, subject, "the usual master is back"));
                }
                yield List.of(
                        lost,
                        new Open(
                                FAILOVER,
                                subject,
                                Severity.WARNING,
                                site + ": failover on " + subject,
                                "New master " + master + " (was " + text(d, "previous") + ", cause " + text(d, "cause")
                                        + ")."));
            }
            case EventTypes.VRRP_MASTER_ELECTED -> {
                String usual = usualMaster.apply(site, subject);
                Resolve lost = new Resolve(MASTER_LOST, subject, "master " + text(d, "master") + " elected");
                yield usual != null && usual.equals(text(d, "master"))
                        ? List.of(
                                lost,
                                new Resolve(FAILOVER, subject, "the usual master is back"),
                                new Resolve(PREFERRED_NOT_MASTER, subject, "the usual master is back"))
                        : List.of(lost);
            }
            case EventTypes.VRRP_MASTER_LOST ->
                List.of(new Open(
                        MASTER_LOST,
                        subject,
                        Severity.CRITICAL,
                        site + ": no VRRP master on " + subject,
                        "No advert for " + text(d, "silence_ms") + " ms; last master " + text(d, "previous") + "."));
            case EventTypes.VRRP_SPLIT_BRAIN ->
                List.of(new Open(
                        SPLIT_BRAIN,
                        subject,
                        Severity.CRITICAL,
                        site + ": split brain on " + subject,
                        "Two masters at once: " + d.path("sources") + "."));
            case EventTypes.VRRP_SPLIT_BRAIN_CLEARED ->
                List.of(new Resolve(SPLIT_BRAIN, subject, "split brain cleared"));
            case EventTypes.VRRP_CONFIG_MISMATCH ->
                List.of(new Open(
                        CONFIG_MISMATCH,
                        subject,
                        Severity.WARNING,
                        site + ": VRRP settings differ on " + subject,
                        "Field " + text(d, "field") + " differs: " + d.path("values") + "."));
            case EventTypes.WAN_DOWN ->
                List.of(
                        new Resolve(WAN_DEGRADED, subject, "now down"),
                        new Open(WAN_DOWN, subject, Severity.CRITICAL, site + ": " + wan(e) + " down", wanBody(d)));
            case EventTypes.WAN_DEGRADED ->
                List.of(new Open(
                        WAN_DEGRADED, subject, Severity.WARNING, site + ": " + wan(e) + " degraded", wanBody(d)));
            case EventTypes.WAN_UP ->
                List.of(new Resolve(WAN_DOWN, subject, "up again"), new Resolve(WAN_DEGRADED, subject, "up again"));
            case EventTypes.ACTION_FAILED ->
                List.of(new Open(
                        ACTION_FAILED,
                        subject,
                        Severity.CRITICAL,
                        site + ": action " + text(d, "action") + " failed on " + text(d, "router"),
                        "Rule " + text(d, "rule") + ", target " + text(d, "target") + ": " + text(d, "error")
                                + (d.path("rolled_back").asBoolean(false) ? " (rolled back)." : ".")));
            case EventTypes.ACTION_EXECUTED -> List.of(new Resolve(ACTION_FAILED, subject, "a later action succeeded"));
            case EventTypes.ROUTER_UNREACHABLE ->
                List.of(new Open(
                        ROUTER_UNREACHABLE,
                        subject,
                        Severity.CRITICAL,
                        site + ": router " + text(d, "router") + " unreachable",
                        text(d, "error")));
            case EventTypes.ROUTER_REACHABLE -> List.of(new Resolve(ROUTER_UNREACHABLE, subject, "reachable again"));
            default -> List.of();
        };
    }

    public static List<AlertAction> forStatus(SiteStatus status) {
        if (SiteStatus.OFFLINE.equals(status.status())) {
            return List.of(new Open(
                    SITE_OFFLINE,
                    AGENT,
                    Severity.CRITICAL,
                    status.site() + ": site offline",
                    "The agent disconnected (last will) at " + status.time() + "."));
        }
        return List.of(new Resolve(SITE_OFFLINE, AGENT, "the agent is back online"));
    }

    public static List<AlertAction> forSilence(String site, Duration timeout) {
        return List.of(new Open(
                SITE_OFFLINE,
                AGENT,
                Severity.CRITICAL,
                site + ": site offline",
                "Nothing heard from the agent for more than " + timeout.toSeconds() + " s."));
    }

    /** Anything from a site ends its silence. */
    public static List<AlertAction> forActivity() {
        return List.of(new Resolve(SITE_OFFLINE, AGENT, "the agent is heard again"));
    }

    /** A WAN or VRRP group that changed state {@code changes} times within {@code window}. */
    public static AlertAction forFlapping(String site, String subject, int changes, Duration window) {
        return new Open(
                FLAPPING,
                subject,
                Severity.WARNING,
                site + ": " + subject + " flapping",
                changes + " state changes within " + window.toMinutes() + " min; its alerts are not sent until it has"
                        + " been calm for " + window.toMinutes() + " min.");
    }

    public static AlertAction forCalm(String subject, Duration window) {
        return new Resolve(FLAPPING, subject, "calm for " + window.toMinutes() + " min");
    }

    /** The usual master of a group has not been master since {@code since}. */
    public static AlertAction forPreferredNotMaster(String site, String subject, String usual, Duration since) {
        return new Open(
                PREFERRED_NOT_MASTER,
                subject,
                Severity.WARNING,
                site + ": preferred router not master on " + subject,
                "The usual master " + (usual == null ? "?" : usual) + " has not been master for " + since.toMinutes()
                        + " min.");
    }

    private static String wan(Event e) {
        return "WAN " + (e.data().hasNonNull("wan") ? e.data().get("wan").asText() : e.subject());
    }

    /** The figures the agent sent, omitting unknown ones (no "RTT ? ms"). */
    static String wanBody(ObjectNode d) {
        List<String> parts = new ArrayList<>();
        if (d.hasNonNull("loss_pct")) {
            parts.add("Loss " + d.get("loss_pct").asText() + " %");
        }
        if (d.hasNonNull("rtt_ms")) {
            parts.add("RTT " + d.get("rtt_ms").asText() + " ms");
        }
        if (d.hasNonNull("reason")) {
            parts.add(d.get("reason").asText());
        }
        if (parts.isEmpty()) {
            return "No figures reported.";
        }
        String text = String.join(", ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static String text(ObjectNode d, String key) {
        return d.hasNonNull(key) ? d.get(key).asText() : "?";
    }
}
