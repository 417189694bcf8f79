package dev.vigil.testkit.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SOHO site in network namespaces: two keepalived routers and an agent host on a LAN bridge, one ISP host per WAN
 * holding probe targets, and faults on demand. See docs/site-lab.md. Close it (try-with-resources); a JVM shutdown
 * hook and the next lab's start-up sweep clean up after runs that could not.
 */
public final class SiteLab implements AutoCloseable {
    /** System property: keep the lab directory (configs, keepalived logs, state files) after close. */
    public static final String KEEP_FILES_PROPERTY = "vigil.lab.keepFiles";

    private static final System.Logger LOG = System.getLogger(SiteLab.class.getName());
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final LabPlan plan;
    private final Path dir;
    private final Shell shell;
    private final Topology topology;
    private final LabFaults faults;
    private final RouterPair routers;
    private final List<Process> spawned = new CopyOnWriteArrayList<>();
    private volatile VlanTagger trunk;
    private volatile boolean closed;
    private volatile boolean keepFiles = Boolean.getBoolean(KEEP_FILES_PROPERTY);

    private SiteLab(LabPlan plan, Path dir) {
        this.plan = plan;
        this.dir = dir;
        this.shell = new Shell(dir);
        this.topology = new Topology(plan, shell);
        this.faults = new LabFaults(plan, shell, topology);
        this.routers = new RouterPair(plan, dir, shell);
    }

    public static SiteLabBuilder builder() {
        return new SiteLabBuilder();
    }

    static SiteLab start(LabConfig config) {
        LabPrerequisites.check();
        String id = "vgl" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet();
        LabJanitor.reserve(id + "-");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir;
        try {
            LabJanitor.sweepLeftovers(new Shell(tmp), tmp);
            dir = createDirectory(id);
        } catch (RuntimeException e) {
            LabJanitor.release(id + "-");
            throw e;
        }
        SiteLab lab = new SiteLab(new LabPlan(config, id + "-"), dir);
        LabJanitor.register(lab);
        try {
            lab.topology.build();
            if (config.lanVlan() != 0) {
                lab.trunk = VlanTagger.start(
                        lab.plan.namespace(Host.SWITCH), LabPlan.TRUNK_TAP, Host.AGENT.shortName(), config.lanVlan());
            }
            if (config.startRouters()) {
                lab.routers.startBoth();
                lab.awaitElection(electionTimeout(config));
            }
            return lab;
        } catch (RuntimeException | Error e) {
            lab.keepFiles = lab.keepFiles || e instanceof LabException;
            lab.closeAfterFailure(e);
            throw e;
        }
    }

    private static Path createDirectory(String id) {
        try {
            return Files.createTempDirectory(LabJanitor.DIR_PREFIX + id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lab directory", e);
        }
    }

    public LabConfig config() {
        return plan.config();
    }

    /** Name of the network namespace of {@code host}, for {@code ip netns exec}. */
    public String namespace(Host host) {
        requirePresent(host);
        return plan.namespace(host);
    }

    /** The LAN interface inside the host's namespace: lan0 on routers and agent, the bridge br0 on the switch. */
    public String lanInterface(Host host) {
        if (host == Host.SWITCH) {
            return LabPlan.BRIDGE;
        }
        plan.lanAddress(host);
        return LabPlan.LAN_INTERFACE;
    }

    /** LAN IPv4 address of a router or the agent; for an ISP host, its address on the WAN link. */
    public InetAddress address(Host host) {
        requirePresent(host);
        for (WanInfo wan : plan.wans()) {
            if (wan.isp() == host) {
                return wan.ispAddress();
            }
        }
        return plan.lanAddress(host);
    }

    public InetAddress address6(Host host) {
        requireIpv6();
        return plan.lanAddress6(host);
    }

    /** The INTERNET host's address, reachable over every WAN; only with {@code internet(true)}. */
    public InetAddress internetAddress() {
        requirePresent(Host.INTERNET);
        return LabPlan.INTERNET_ADDRESS;
    }

    /**
     * The agent's source address whose traffic policy routing sends to the router owning {@code wan} (so out of that
     * WAN while the router routes by it); only with {@code internet(true)}.
     */
    public InetAddress agentSource(String wan) {
        requirePresent(Host.INTERNET);
        return plan.agentSource(plan.wan(wan));
    }

    public InetAddress virtualAddress() {
        return LabPlan.VIP;
    }

    public InetAddress virtualAddress6() {
        requireIpv6();
        return LabPlan.VIP6;
    }

    public WanInfo wan(String name) {
        return plan.wan(name);
    }

    public List<WanInfo> wans() {
        return plan.wans();
    }

    /** Runs a command inside the host's namespace, killed after 10 s. Never hangs. */
    public ExecResult exec(Host host, String... argv) {
        return exec(host, Shell.DEFAULT_TIMEOUT, argv);
    }

    public ExecResult exec(Host host, Duration timeout, String... argv) {
        requireOpen();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
        Collections.addAll(command, argv);
        return shell.run(timeout, command);
    }

    /** Starts a long-running process inside the host's namespace, output appended to {@code log}; killed at close. */
    public Process spawn(Host host, List<String> argv, Path log) {
        requireOpen();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
        command.addAll(argv);
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            spawned.add(p);
            return p;
        } catch (IOException e) {
            throw new LabException("cannot start " + argv + " in " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code task} on a fresh thread that entered the host's namespace with setns(2): sockets, pcap handles
     * and ping sockets it opens belong to the lab network.
     */
    public <T> T runIn(Host host, Callable<T> task) throws Exception {
        requireOpen();
        return NetnsThreads.call(namespace(host), task);
    }

    /** Threads that enter the host's namespace before running their task (for executors of code under test). */
    public ThreadFactory newThreadFactory(Host host) {
        requireOpen();
        return NetnsThreads.factory(namespace(host));
    }

    /** Graceful stop: SIGTERM, keepalived sends priority 0 and the state file reads STOP. */
    public void stopRouter(Router router) {
        requireOpen();
        routers.get(router).stop();
    }

    /** SIGKILL to all of the router's keepalived processes: no priority 0, the peer waits out master-down. */
    public void crashRouter(Router router) {
        requireOpen();
        routers.get(router).crash();
    }

    public void startRouter(Router router) {
        requireOpen();
        routers.get(router).start();
    }

    public boolean isRouterRunning(Router router) {
        return routers.get(router).running();
    }

    /** Rewrites the router's keepalived.conf with this priority and reloads keepalived (SIGHUP). */
    public void setPriority(Router router, int priority) {
        requireOpen();
        routers.get(router).setPriority(priority);
    }

    public int priority(Router router) {
        return routers.get(router).priority();
    }

    public Path keepalivedConfig(Router router) {
        return routers.get(router).files().config();
    }

    public Path keepalivedLog(Router router) {
        return routers.get(router).files().log();
    }

    /** File rewritten with MASTER/BACKUP/FAULT/STOP on every transition of the IPv4 instance (from the notify FIFO). */
    public Path vrrpStateFile(Router router) {
        return routers.get(router).files().stateFile(KeepalivedConfig.INSTANCE_V4);
    }

    public Path vrrpStateFile6(Router router) {
        requireIpv6();
        return routers.get(router).files().stateFile(KeepalivedConfig.INSTANCE_V6);
    }

    /** State of the IPv4 instance as last notified by keepalived; UNKNOWN before the first transition. */
    public String vrrpState(Router router) {
        return routers.get(router).state(KeepalivedConfig.INSTANCE_V4);
    }

    public String vrrpState6(Router router) {
        requireIpv6();
        return routers.get(router).state(KeepalivedConfig.INSTANCE_V6);
    }

    /** The one running router whose IPv4 instance is MASTER, if exactly one is. */
    public Optional<Router> master() {
        return routers.master();
    }

    /**
     * Waits until the election has settled with the current priorities: the higher one MASTER, the other BACKUP
     * (IPv6 instance too); on a tie router B (the higher address) wins. Both routers must be running.
     *
     * @throws LabException with both keepalived logs when it does not settle in time
     */
    public void awaitElection(Duration timeout) {
        requireOpen();
        try {
            routers.awaitSettled(timeout);
        } catch (LabException e) {
            throw new LabException(e.getMessage() + "\n--- network\n" + networkDiagnostics(), e);
        }
    }

    /** Link down on the router's WAN leg. The routers' VRRP on the LAN does not change. */
    public void cutWan(String wan) {
        requireOpen();
        faults.cutWan(plan.wan(wan));
    }

    public void restoreWan(String wan) {
        requireOpen();
        faults.restoreWan(plan.wan(wan));
    }

    /** Random loss (nftables numgen) in both directions of the WAN link, on the ISP side; 0 removes it. */
    public void setWanLoss(String wan, int percent) {
        requireOpen();
        faults.setWanLoss(plan.wan(wan), percent);
    }

    /** Drops VRRP between router A and B on the switch; the agent still sees both. */
    public void splitBrain(boolean on) {
        requireOpen();
        faults.splitBrain(on);
    }

    /** The lab's directory: keepalived configs, logs, state files. Deleted at close unless kept. */
    public Path directory() {
        return dir;
    }

    /** Keeps the lab directory after close (for failure diagnosis); also via -Dvigil.lab.keepFiles=true. */
    public void keepFilesOnClose(boolean keep) {
        this.keepFiles = keep;
    }

    public boolean isClosed() {
        return closed;
    }

    String prefix() {
        return plan.prefix();
    }

    /** Kills everything the lab started and deletes its namespaces. Idempotent; also runs at JVM exit. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (trunk != null) {
                trunk.close();
            }
            for (Process p : spawned) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            LabJanitor.destroyNamespaces(shell, LabJanitor.namespaces(plan.prefix()));
            routers.closeNotifications();
            List<String> left = LabJanitor.namespaces(plan.prefix());
            if (!left.isEmpty()) {
                keepFiles = true;
                throw new LabException("site lab namespaces left behind after close: " + left);
            }
        } finally {
            if (keepFiles) {
                LabJanitor.markKept(dir);
                LOG.log(Level.INFO, "site lab files kept in {0}", dir);
            } else {
                LabJanitor.deleteTree(dir);
            }
            LabJanitor.unregister(this);
        }
    }

    private void closeAfterFailure(Throwable failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Link counters of the LAN legs and the switch's nftables, for a failed election's message. */
    private String networkDiagnostics() {
        StringBuilder out = new StringBuilder();
        for (Host host : plan.lanHosts()) {
            out.append(exec(host, "ip", "-s", "link", "show", LabPlan.LAN_INTERFACE)
                    .output());
        }
        out.append(exec(Host.SWITCH, "ip", "-d", "link", "show", "master", LabPlan.BRIDGE)
                .output());
        out.append(exec(Host.SWITCH, "nft", "list", "ruleset").output());
        return out.toString();
    }

    private static Duration electionTimeout(LabConfig config) {
        return Duration.ofSeconds(10).plus(config.advertInterval().multipliedBy(5));
    }

    private void requirePresent(Host host) {
        if (!plan.hosts().contains(host)) {
            throw new IllegalArgumentException(host + " is not part of this lab (it has " + plan.hosts() + ")");
        }
    }

    private void requireIpv6() {
        if (!plan.config().ipv6()) {
            throw new IllegalStateException("this lab has no IPv6; build it with SiteLab.builder().ipv6(true)");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the site lab is closed");
        }
    }
}
