package dev.vigil.agent.vrrp.testing;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.VrrpPipeline;
import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.observe.ObserverSettings;
import dev.vigil.agent.vrrp.observe.VrrpObserver;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** The real capture and observer on the lab agent's LAN interface, collecting observations for assertions. */
public final class LabSniffer implements AutoCloseable {
    private final List<Observation> events = new CopyOnWriteArrayList<>();
    private final PacketSource source;
    private final Thread thread;

    public LabSniffer(SiteLab lab) throws Exception {
        String iface = lab.lanInterface(Host.AGENT);
        source = lab.runIn(Host.AGENT, () -> PacketSource.live(iface, Clock.systemUTC()));
        VrrpObserver observer = new VrrpObserver(ObserverSettings.DEFAULTS, events::add);
        thread = new Thread(() -> source.run(new VrrpPipeline(iface, observer, null)), "lab-sniffer");
        thread.start();
    }

    public List<Observation> events() {
        return events;
    }

    /** Waits for an observation of this type (and family) after index {@code from}; returns it. */
    public Observation await(int from, String type, String family, Duration within) {
        Predicate<Observation> match = o -> o.type().equals(type)
                && (family == null || o.data().path("family").asText().equals(family));
        Awaitility.await()
                .atMost(within)
                .until(() -> events.subList(Math.min(from, events.size()), events.size()).stream()
                        .anyMatch(match));
        return events.subList(from, events.size()).stream()
                .filter(match)
                .findFirst()
                .orElseThrow();
    }

    public int mark() {
        return events.size();
    }

    @Override
    public void close() throws InterruptedException {
        source.close();
        thread.join(2000);
    }
}
