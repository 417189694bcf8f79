package dev.vigil.testkit.lab;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Builds a lab and keeps it until Ctrl-C (or "quit" on stdin); the lab is removed on the way out. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Build a site lab and keep it until Ctrl-C.")
final class LabUpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vrrp-version", defaultValue = "3", description = "2 or 3 (default ${DEFAULT-VALUE})")
    int vrrpVersion;

    @Option(names = "--ipv6", description = "add a VRRPv3 IPv6 instance")
    boolean ipv6;

    @Option(names = "--vrid", defaultValue = "10", description = "VRID of the IPv4 instance (default ${DEFAULT-VALUE})")
    int vrid;

    @Option(
            names = "--interval",
            defaultValue = "1000",
            description = "advertisement interval in ms (v2: whole seconds; default ${DEFAULT-VALUE})")
    long intervalMillis;

    @Option(names = "--priority-a", defaultValue = "150", description = "default ${DEFAULT-VALUE}")
    int priorityA;

    @Option(names = "--priority-b", defaultValue = "100", description = "default ${DEFAULT-VALUE}")
    int priorityB;

    @Option(names = "--wans", defaultValue = "2", description = "1..3 (default ${DEFAULT-VALUE})")
    int wans;

    @Option(names = "--internet", description = "add the INTERNET host behind every WAN and per-WAN agent sources")
    boolean internet;

    @Option(names = "--vlan", defaultValue = "0", description = "the agent's port as an 802.1Q trunk of this VLAN")
    int vlan;

    @Option(names = "--keep-files", description = "keep configs and keepalived logs after exit")
    boolean keepFiles;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SiteLab lab = SiteLab.builder()
                .vrrpVersion(vrrpVersion)
                .ipv6(ipv6)
                .vrid(vrid)
                .advertInterval(Duration.ofMillis(intervalMillis))
                .priority(Router.A, priorityA)
                .priority(Router.B, priorityB)
                .wans(wans)
                .internet(internet)
                .lanVlan(vlan)
                .start();
        lab.keepFilesOnClose(keepFiles);
        LabConsole console = new LabConsole(lab, out);
        console.printSummary();
        out.flush();
        CountDownLatch quit = new CountDownLatch(1);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!console.execute(line)) {
                quit.countDown();
                break;
            }
            out.flush();
        }
        // stdin closed (e.g. started in the background): keep the lab until a signal; the shutdown hook cleans up
        quit.await();
        lab.close();
        out.println("site lab removed");
        return 0;
    }
}
