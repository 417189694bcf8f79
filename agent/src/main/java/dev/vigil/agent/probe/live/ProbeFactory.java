package dev.vigil.agent.probe.live;

import dev.vigil.agent.probe.ProbeMethod;
import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.ProbeSpec;
import dev.vigil.agent.probe.RouterPinger;
import dev.vigil.agent.probe.WanProbe;
import dev.vigil.agent.probe.icmp.IcmpChannel;
import dev.vigil.agent.probe.icmp.IcmpProbe;
import dev.vigil.agent.probe.net.Addresses;
import dev.vigil.agent.probe.net.DnsQueryProbe;
import dev.vigil.agent.probe.net.HttpGetProbe;
import dev.vigil.agent.probe.net.LocalBinding;
import dev.vigil.agent.probe.net.RouterProbe;
import dev.vigil.agent.probe.net.TargetResolver;
import dev.vigil.agent.probe.net.TcpConnectProbe;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Turns a probe spec and its targets into probes; ICMP targets of one WAN share one socket per address family. */
final class ProbeFactory {
    /** The probes of one WAN or check and what to close with them. */
    record ProbeSet(List<WanProbe> probes, List<AutoCloseable> resources) {}

    private final ThreadFactory threads;
    private final Executor blocking;
    private final ScheduledExecutorService timer;
    private final RouterPinger routerPinger;

    ProbeFactory(ThreadFactory threads, Executor blocking, ScheduledExecutorService timer, RouterPinger pinger) {
        this.threads = threads;
        this.blocking = blocking;
        this.timer = timer;
        this.routerPinger = pinger;
    }

    ProbeSet create(ProbeSpec spec, List<String> targets) {
        List<AutoCloseable> resources = new ArrayList<>();
        IcmpChannel v4 = null;
        IcmpChannel v6 = null;
        if (spec.method() == ProbeMethod.ICMP) {
            v4 = new IcmpChannel(false, spec.iface(), spec.source(), threads, timer);
            v6 = new IcmpChannel(true, spec.iface(), spec.source(), threads, timer);
            resources.add(v4);
            resources.add(v6);
        }
        List<WanProbe> probes = new ArrayList<>();
        for (String target : targets) {
            probes.add(probe(spec, target, v4, v6));
        }
        return new ProbeSet(probes, resources);
    }

    private WanProbe probe(ProbeSpec spec, String target, IcmpChannel v4, IcmpChannel v6) {
        return switch (spec.method()) {
            case ICMP -> new IcmpProbe(new TargetResolver(target, blocking, timer), v4, v6);
            case TCP -> new TcpConnectProbe(target, spec.port(), binding(spec), blocking, timer);
            case HTTP ->
                new HttpGetProbe(
                        URI.create(target), spec.expectStatus(), spec.expectBody(), binding(spec), blocking, timer);
            case DNS ->
                new DnsQueryProbe(
                        Addresses.literal(target), spec.port(), name(spec.query()), binding(spec), blocking, timer);
            case ROUTER ->
                routerPinger == null
                        ? unavailable(target, "method router needs the RouterOS client, and none is configured")
                        : new RouterProbe(routerPinger, spec.router(), Addresses.literal(target), spec.iface(), timer);
        };
    }

    private static LocalBinding binding(ProbeSpec spec) {
        return new LocalBinding(spec.source(), spec.iface());
    }

    private static Name name(String query) {
        try {
            return Name.fromString(query, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + query, e);
        }
    }

    private static WanProbe unavailable(String target, String reason) {
        return new WanProbe() {
            @Override
            public String target() {
                return target;
            }

            @Override
            public CompletionStage<ProbeResult> probe(Duration timeout) {
                return ProbeResult.failedStage(reason);
            }
        };
    }
}
