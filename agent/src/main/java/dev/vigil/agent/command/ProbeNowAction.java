package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.routeros.RouterPoller;
import dev.vigil.agent.routeros.RouterSnapshot;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.SiteState.WanView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@code probe_now}: one extra round of every WAN probe and health check and one extra poll of every router, beside
 * their schedules; the result is each WAN's state and each router's reachability once all have answered.
 */
public final class ProbeNowAction implements CommandAction {
    private final Supplier<Optional<WanMonitor>> wans;
    private final List<RouterPoller> pollers;

    /** @param wans the WAN monitor, when the config has WANs or checks; @param pollers the routers' pollers */
    public ProbeNowAction(Supplier<Optional<WanMonitor>> wans, List<RouterPoller> pollers) {
        this.wans = wans;
        this.pollers = pollers;
    }

    @Override
    public String name() {
        return CommandActions.PROBE_NOW;
    }

    @Override
    public Optional<String> checkArgs(ObjectNode args) {
        return Args.onlyKeys(args);
    }

    @Override
    public CompletionStage<ObjectNode> run(CommandRequest request) {
        Optional<WanMonitor> monitor = wans.get();
        CompletableFuture<Void> probed =
                monitor.map(WanMonitor::probeNow).orElse(CompletableFuture.completedFuture(null));
        List<CompletableFuture<RouterSnapshot>> polls = new ArrayList<>();
        for (RouterPoller poller : pollers) {
            polls.add(poller.pollNow());
        }
        List<CompletableFuture<?>> all = new ArrayList<>(polls);
        all.add(probed);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(done -> result(monitor.map(WanMonitor::wans).orElse(List.of()), polls));
    }

    private static ObjectNode result(List<WanView> wanViews, List<CompletableFuture<RouterSnapshot>> polls) {
        ObjectNode result = Json.object();
        ArrayNode wanList = result.putArray("wans");
        for (WanView w : wanViews) {
            wanList.addObject().put("name", w.name()).put("state", w.state());
        }
        ArrayNode routers = result.putArray("routers");
        for (CompletableFuture<RouterSnapshot> poll : polls) {
            RouterSnapshot s = poll.join();
            ObjectNode router = routers.addObject().put("name", s.router()).put("reachable", s.reachable());
            if (s.error() != null) {
                router.put("error", s.error());
            }
        }
        return result;
    }
}
