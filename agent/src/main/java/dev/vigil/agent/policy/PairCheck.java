package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.routeros.RouterOsException;
import dev.vigil.agent.routeros.VrrpInstance;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether the pair can be drilled: a master and a backup by their APIs, the sniffer hearing that master without a
 * split brain, every WAN of the backup up, and the policy agreeing. Every problem found is named at once.
 */
final class PairCheck {
    static final String UNHEALTHY = "unhealthy_pair";

    /** The pair as found healthy: who is master and backup, with their VRRP instances. */
    record Pair(String master, String backup, VrrpInstance masterVrrp, VrrpInstance backupVrrp) {}

    private PairCheck() {}

    /** The healthy pair, with the policy told a drill starts; else {@code unhealthy_pair} naming what is missing. */
    static Pair check(DrillParts parts, String commandId) {
        if (parts.routers().size() != 2) {
            throw unhealthy(List.of("a failover drill needs exactly two routers in routers[], found "
                    + parts.routers().size()));
        }
        List<String> problems = new ArrayList<>();
        pendingRestore(parts, problems);
        Map<String, VrrpInstance> vrrp = new TreeMap<>();
        for (String router : parts.routers().keySet().stream().sorted().toList()) {
            try {
                parts.vrrp(router)
                        .ifPresentOrElse(
                                v -> vrrp.put(router, v),
                                () -> problems.add(router + " has no VRRP instance"
                                        + (parts.vrrpInterface() == null ? "" : " " + parts.vrrpInterface())));
            } catch (RouterOsException e) {
                problems.add(router + " is not reachable over the RouterOS API: " + e.getMessage());
            }
        }
        Pair pair = roles(vrrp, problems);
        if (pair != null) {
            sniffer(parts, pair, problems);
            backupWans(parts, pair.backup(), problems);
            if (pair.backupVrrp().priority() <= 1) {
                problems.add(pair.backup() + " has priority 1: " + pair.master() + " cannot be demoted below it");
            }
        }
        if (!problems.isEmpty()) {
            throw unhealthy(problems);
        }
        Optional<String> refused = parts.failoverPolicy().drillStarting(commandId);
        if (refused.isPresent()) {
            throw unhealthy(List.of(refused.get()));
        }
        return pair;
    }

    private static Pair roles(Map<String, VrrpInstance> vrrp, List<String> problems) {
        if (vrrp.size() != 2) {
            return null;
        }
        List<String> masters = vrrp.entrySet().stream()
                .filter(e -> e.getValue().isMaster())
                .map(Map.Entry::getKey)
                .toList();
        if (masters.size() == 2) {
            problems.add("both routers say they are VRRP master (split brain)");
            return null;
        }
        if (masters.isEmpty()) {
            problems.add("no router says it is VRRP master");
            return null;
        }
        String master = masters.get(0);
        String backup = vrrp.keySet().stream()
                .filter(r -> !r.equals(master))
                .findFirst()
                .orElseThrow();
        VrrpInstance b = vrrp.get(backup);
        if (!b.state().equals("backup")) {
            problems.add(backup + " is not a VRRP backup: its " + b.name() + " is " + b.state());
            return null;
        }
        return new Pair(master, backup, vrrp.get(master), b);
    }

    private static void sniffer(DrillParts parts, Pair pair, List<String> problems) {
        int vrid = pair.masterVrrp().vrid();
        Optional<VrrpGroupView> group = parts.group(vrid, pair.master());
        String address = parts.addresses().get(pair.master());
        if (group.isEmpty()
                || group.get().master() == null
                        && !"split_brain".equals(group.get().state())) {
            problems.add("the VRRP sniffer hears no master for VRID " + vrid + " (vrrp.interfaces)");
        } else if ("split_brain".equals(group.get().state())) {
            problems.add("the VRRP sniffer sees a split brain on VRID " + vrid);
        } else if (!group.get().master().equals(address)) {
            problems.add("the VRRP sniffer hears " + group.get().master() + " as master of VRID " + vrid + ", not "
                    + pair.master() + " (" + address + ")");
        }
    }

    /** A record an interrupted drill left that is not restored yet: a new drill would overwrite it. */
    private static void pendingRestore(DrillParts parts, List<String> problems) {
        try {
            DrillRestoreRecord.read(parts.stateDir())
                    .ifPresent(r -> problems.add("failover drill " + r.commandId() + " was interrupted by the agent's"
                            + " stop and " + r.router() + " is not restored to priority " + r.originalPriority()
                            + " yet: the agent tries again at its next start, or restore it by hand ("
                            + r.handFix() + ")"));
        } catch (IOException e) {
            problems.add(e.getMessage() + " (restart the agent to have it moved aside)");
        }
    }

    private static void backupWans(DrillParts parts, String backup, List<String> problems) {
        List<String> wans = parts.wansOf(backup);
        if (wans.isEmpty()) {
            problems.add("no WAN is assigned to " + backup + " (wans[].router): cannot tell whether it can take over");
        }
        for (String wan : wans) {
            String state = parts.wanState(wan);
            if (!state.equals("up")) {
                problems.add("WAN " + wan + " of " + backup + " is " + state);
            }
        }
    }

    private static CommandFailedException unhealthy(List<String> problems) {
        ObjectNode data = Json.object();
        ArrayNode list = data.putArray("problems");
        problems.forEach(list::add);
        return new CommandFailedException(
                UNHEALTHY, "pair not ready for a drill: " + String.join("; ", problems), data);
    }
}
