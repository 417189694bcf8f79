package dev.vigil.agent.run;

import dev.vigil.agent.backup.BackupConfigAction;
import dev.vigil.agent.backup.ConfigBackup;
import dev.vigil.agent.command.CommandAction;
import dev.vigil.agent.command.PauseRepairsAction;
import dev.vigil.agent.command.ProbeNowAction;
import dev.vigil.agent.command.RefreshStateAction;
import dev.vigil.agent.command.ResumeRepairsAction;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.policy.FailoverDrill;
import dev.vigil.agent.policy.FailoverPolicy;
import dev.vigil.agent.policy.RepairPause;
import dev.vigil.agent.policy.UnlessPaused;
import dev.vigil.agent.probe.RouterPinger;
import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.probe.live.LiveWanMonitor;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.routeros.RouterPoller;
import dev.vigil.agent.routeros.RouterSnapshot;
import dev.vigil.agent.status.MetricsRegistry;
import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.agent.vrrp.VrrpMonitor;
import dev.vigil.protocol.SiteMetrics.RouterMetric;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState.RouterView;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import dev.vigil.protocol.SiteState.WanView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The site's observers and actors as the config asks: RouterOS clients and pollers, the VRRP observer, the WAN
 * monitor (pinging through the routers for WANs with {@code method: router}) and the failover policy. Each part is
 * only started when its section configures something.
 */
final class SiteParts {
    private volatile VrrpMonitor vrrp;
    private volatile WanMonitor wans;
    private final List<RouterPoller> pollers = new CopyOnWriteArrayList<>();
    private final Map<String, RouterOsClient> clients = new LinkedHashMap<>();
    private volatile Clock clock;
    private volatile FailoverDrill drill;
    private volatile ConfigBackup backup;

    void start(
            AgentConfig config,
            ObservationSink sink,
            Clock clock,
            List<AutoCloseable> parts,
            List<ObservationSink> reactors,
            MetricsRegistry metrics,
            RepairPause pause) {
        this.clock = clock;
        for (RouterConfig router : config.routers().routers()) {
            RouterOsClient client = RouterOsClient.create(router);
            clients.put(router.name(), client);
            parts.add(client);
        }
        if (!config.vrrp().interfaces().isEmpty()) {
            vrrp = VrrpMonitor.live(config.vrrp(), sink, clock);
            parts.add(vrrp);
        }
        if (!config.probes().wans().isEmpty() || !config.probes().checks().isEmpty()) {
            RouterPinger pinger = clients.isEmpty() ? null : RouterPingers.through(clients);
            wans = LiveWanMonitor.start(config.probes(), sink, clock, pinger);
            parts.add(wans);
        }
        if (!clients.isEmpty()) {
            ScheduledExecutorService scheduler =
                    Executors.newScheduledThreadPool(1, DaemonThreads.named("vigil-routeros-poller"));
            parts.add(scheduler::shutdownNow);
            for (RouterConfig router : config.routers().routers()) {
                RouterPoller poller = new RouterPoller(
                                clients.get(router.name()), router, sink, clock, this::snifferMaster)
                        .start(scheduler);
                pollers.add(poller);
                parts.add(poller);
            }
            FailoverPolicy policy = FailoverPolicy.start(
                    config.policy(),
                    clients,
                    config.wanRouters(),
                    wan -> wans == null ? Optional.empty() : wans.state(wan),
                    sink,
                    clock,
                    pause);
            parts.add(policy);
            reactors.add(policy);
            drill = new FailoverDrill(
                    config.policy(),
                    clients,
                    config.routers().routers(),
                    config.wanRouters(),
                    wan -> wans == null ? Optional.empty() : wans.state(wan),
                    this::vrrpGroups,
                    policy,
                    sink,
                    clock,
                    config.commands().stateDir());
            drill.restoreInterrupted();
        }
        backup = new ConfigBackup(config.configBackup(), clients, sink, clock);
        if (!clients.isEmpty() && config.configBackup().enabled()) {
            ScheduledExecutorService backupTicks =
                    Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vigil-config-backup"));
            parts.add(backupTicks::shutdownNow);
            parts.add(backup.start(backupTicks));
        }
        SiteMetricsExport.register(metrics, this);
    }

    /** What commands can ask this site's agent to do; one line per action (docs/commands.md). */
    List<CommandAction> commandActions(RepairPause pause, RefreshStateAction.Republisher republisher) {
        List<CommandAction> actions = new ArrayList<>(List.of(
                new PauseRepairsAction(pause, clock),
                new ResumeRepairsAction(pause),
                new ProbeNowAction(() -> Optional.ofNullable(wans), pollers),
                new RefreshStateAction(republisher)));
        actions.add(new BackupConfigAction(backup));
        if (drill != null) {
            actions.add(new UnlessPaused(drill, pause));
        }
        return List.copyOf(actions);
    }

    /** VRID → the master address the sniffer hears, for the poller's comparison with the router's own view. */
    private Optional<String> snifferMaster(int vrid) {
        VrrpMonitor monitor = vrrp;
        if (monitor == null) {
            return Optional.empty();
        }
        return monitor.groups().stream()
                .filter(g -> g.vrid() == vrid && g.master() != null)
                .map(VrrpGroupView::master)
                .findFirst();
    }

    List<RouterView> routers() {
        return pollers.stream()
                .flatMap(p -> p.latest().stream())
                .map(RouterSnapshot::view)
                .toList();
    }

    List<RouterMetric> routerMetrics() {
        return pollers.stream()
                .flatMap(p -> p.latest().stream())
                .map(RouterSnapshot::metric)
                .toList();
    }

    List<VrrpGroupView> vrrpGroups() {
        VrrpMonitor monitor = vrrp;
        return monitor == null ? List.of() : monitor.groups();
    }

    List<WanView> wans() {
        WanMonitor monitor = wans;
        return monitor == null ? List.of() : monitor.wans();
    }

    List<WanMetric> wanMetrics() {
        WanMonitor monitor = wans;
        return monitor == null ? List.of() : monitor.metrics();
    }
}
