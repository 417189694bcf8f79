package dev.vigil.testkit.lab;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints what a lab is made of and applies the faults typed by a human at {@code lab up}. */
final class LabConsole {
    static final String HELP = "commands: state | stop a|b | crash a|b | start a|b | prio a|b N | split on|off"
            + " | cut wanN | restore wanN | loss wanN PERCENT | quit";

    private final SiteLab lab;
    private final PrintWriter out;

    LabConsole(SiteLab lab, PrintWriter out) {
        this.lab = lab;
        this.out = out;
    }

    void printSummary() {
        LabConfig c = lab.config();
        out.printf(
                Locale.ROOT,
                "site lab up: VRRPv%d VRID %d%s, interval %d ms, files in %s%n",
                c.vrrpVersion(),
                c.vrid(),
                c.ipv6() ? " + IPv6 VRID " + c.vrid6() : "",
                c.advertInterval().toMillis(),
                lab.directory());
        for (Router r : Router.values()) {
            Host h = r.host();
            out.printf(
                    Locale.ROOT,
                    "  %-8s %-20s %s/24 on %s, priority %d%n",
                    h,
                    lab.namespace(h),
                    lab.address(h).getHostAddress(),
                    lab.lanInterface(h),
                    lab.priority(r));
        }
        out.printf(
                Locale.ROOT,
                "  %-8s %-20s %s/24 on %s, default via VIP %s%n",
                Host.AGENT,
                lab.namespace(Host.AGENT),
                lab.address(Host.AGENT).getHostAddress(),
                lab.lanInterface(Host.AGENT),
                lab.virtualAddress().getHostAddress());
        out.printf(
                Locale.ROOT,
                "  %-8s %-20s bridge %s%n",
                Host.SWITCH,
                lab.namespace(Host.SWITCH),
                lab.lanInterface(Host.SWITCH));
        for (WanInfo w : lab.wans()) {
            out.printf(
                    Locale.ROOT,
                    "  %-8s %-20s %s: router %s %s %s <-> %s, targets %s%n",
                    w.isp(),
                    lab.namespace(w.isp()),
                    w.name(),
                    w.router(),
                    w.routerInterface(),
                    w.routerAddress().getHostAddress(),
                    w.ispAddress().getHostAddress(),
                    w.targets().stream().map(a -> a.getHostAddress()).collect(Collectors.joining(" ")));
        }
        printState();
        String agent = lab.namespace(Host.AGENT);
        out.println("try:");
        out.printf(Locale.ROOT, "  ip netns exec %s tcpdump -ni lan0 vrrp%n", agent);
        out.printf(
                Locale.ROOT,
                "  ip netns exec %s ping %s%n",
                agent,
                lab.wans().get(0).targets().get(0).getHostAddress());
        out.printf(Locale.ROOT, "  cat %s%n", lab.vrrpStateFile(Router.A));
        out.println(HELP);
        out.println("Ctrl-C removes the lab.");
    }

    /** Applies one command line; false on quit. Bad input is answered, never fatal. */
    boolean execute(String line) {
        String[] w = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try {
            switch (w[0]) {
                case "":
                    return true;
                case "quit":
                case "exit":
                    return false;
                case "state":
                    printState();
                    return true;
                case "stop":
                    lab.stopRouter(router(w));
                    break;
                case "crash":
                    lab.crashRouter(router(w));
                    break;
                case "start":
                    lab.startRouter(router(w));
                    break;
                case "prio":
                    lab.setPriority(router(w), Integer.parseInt(arg(w, 2)));
                    break;
                case "split":
                    lab.splitBrain("on".equals(arg(w, 1)));
                    break;
                case "cut":
                    lab.cutWan(arg(w, 1));
                    break;
                case "restore":
                    lab.restoreWan(arg(w, 1));
                    break;
                case "loss":
                    lab.setWanLoss(arg(w, 1), Integer.parseInt(arg(w, 2)));
                    break;
                default:
                    out.println("unknown command '" + w[0] + "'; " + HELP);
                    return true;
            }
            out.println("ok");
        } catch (RuntimeException e) {
            out.println("rejected: " + e.getMessage());
        }
        return true;
    }

    private void printState() {
        for (Router r : Router.values()) {
            out.printf(
                    Locale.ROOT,
                    "  router %s: %s%s (priority %d)%n",
                    r,
                    lab.vrrpState(r),
                    lab.config().ipv6() ? ", IPv6 " + lab.vrrpState6(r) : "",
                    lab.priority(r));
        }
    }

    private static Router router(String[] w) {
        String name = arg(w, 1);
        if (!name.equals("a") && !name.equals("b")) {
            throw new IllegalArgumentException("router '" + name + "': a or b");
        }
        return Router.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static String arg(String[] w, int i) {
        if (w.length <= i) {
            throw new IllegalArgumentException("missing argument; " + HELP);
        }
        return w[i];
    }
}
