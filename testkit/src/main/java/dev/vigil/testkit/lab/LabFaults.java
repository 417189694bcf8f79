package dev.vigil.testkit.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * Faults on demand: a WAN leg taken down, random loss on a WAN link (nftables on the ISP side), and VRRP cut between
 * the two routers on the switch (nftables bridge filter).
 */
final class LabFaults {
    private static final String LOSS_TABLE = "vigil_loss";
    private static final String SPLIT_TABLE = "vigil_split";

    private final LabPlan plan;
    private final Shell shell;
    private final Topology topology;

    LabFaults(LabPlan plan, Shell shell, Topology topology) {
        this.plan = plan;
        this.shell = shell;
        this.topology = topology;
    }

    synchronized void cutWan(WanInfo wan) {
        topology.setWanLink(wan, false);
    }

    /** Link up again; the kernel dropped the routes over the link when it went down, so they are re-installed. */
    synchronized void restoreWan(WanInfo wan) {
        topology.setWanLink(wan, true);
        topology.routeWan(wan);
    }

    /**
     * Drops {@code percent} % of the packets in each direction of the WAN link, on the ISP side ({@code numgen
     * random}); 0 removes the rule.
     */
    synchronized void setWanLoss(WanInfo wan, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("loss " + percent + " %: must be 0..100");
        }
        StringBuilder rules = new StringBuilder(reset("inet", LOSS_TABLE));
        if (percent > 0) {
            String iface = "\"" + wan.ispInterface() + "\"";
            // numgen's range is 0..99, so 100 % is a plain drop
            String drop = percent == 100 ? " drop\n" : " numgen random mod 100 < " + percent + " drop\n";
            rules.append("table inet ")
                    .append(LOSS_TABLE)
                    .append(" {\n")
                    .append(" chain from_router {\n  type filter hook prerouting priority -300;\n")
                    .append("  iifname ")
                    .append(iface)
                    .append(drop)
                    .append(" }\n")
                    .append(" chain to_router {\n  type filter hook postrouting priority 300;\n")
                    .append("  oifname ")
                    .append(iface)
                    .append(drop)
                    .append(" }\n}\n");
        }
        apply(wan.isp(), "loss-" + wan.name() + ".nft", rules.toString());
    }

    /**
     * Drops VRRP (IPv4 protocol 112 and IPv6 next header 112) between the two routers' switch ports. The agent's port
     * still receives the adverts of both routers.
     */
    synchronized void splitBrain(boolean on) {
        StringBuilder rules = new StringBuilder(reset("bridge", SPLIT_TABLE));
        if (on) {
            String a = "\"" + Host.ROUTER_A.shortName() + "\"";
            String b = "\"" + Host.ROUTER_B.shortName() + "\"";
            rules.append("table bridge ")
                    .append(SPLIT_TABLE)
                    .append(" {\n")
                    .append(" chain forward {\n  type filter hook forward priority 0;\n");
            for (String[] pair : new String[][] {{a, b}, {b, a}}) {
                String ports = "  iifname " + pair[0] + " oifname " + pair[1];
                rules.append(ports).append(" ip protocol 112 drop\n");
                rules.append(ports).append(" ip6 nexthdr 112 drop\n");
            }
            rules.append(" }\n}\n");
        }
        apply(Host.SWITCH, "split-brain.nft", rules.toString());
    }

    /** Creating then deleting the table removes it whether or not it existed, in the same atomic nft run. */
    private static String reset(String family, String table) {
        return "table " + family + " " + table + "\ndelete table " + family + " " + table + "\n";
    }

    private void apply(Host host, String fileName, String rules) {
        Path file = shell.scratchFile(fileName, rules);
        shell.check(List.of("ip", "netns", "exec", plan.namespace(host), "nft", "-f", file.toString()));
    }
}
