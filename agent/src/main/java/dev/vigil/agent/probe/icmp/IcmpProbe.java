package dev.vigil.agent.probe.icmp;

import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.WanProbe;
import dev.vigil.agent.probe.net.TargetResolver;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** ICMP echo to one target over a channel shared with the WAN's other targets of the same address family. */
public final class IcmpProbe implements WanProbe {
    private final TargetResolver target;
    private final IcmpChannel v4;
    private final IcmpChannel v6;

    /** Either channel may be null when no target of that family uses it. */
    public IcmpProbe(TargetResolver target, IcmpChannel v4, IcmpChannel v6) {
        this.target = target;
        this.v4 = v4;
        this.v6 = v6;
    }

    @Override
    public String target() {
        return target.name();
    }

    @Override
    public CompletionStage<ProbeResult> probe(Duration timeout) {
        long start = System.nanoTime();
        return target.resolve(timeout).thenCompose(resolved -> {
            if (resolved.address() == null) {
                return ProbeResult.failedStage(resolved.error());
            }
            IcmpChannel channel = IcmpChannel.isV6(resolved.address()) ? v6 : v4;
            if (channel == null) {
                return ProbeResult.failedStage(
                        "no ICMP channel for " + resolved.address().getHostAddress());
            }
            Duration left = timeout.minusNanos(System.nanoTime() - start);
            return channel.echo(resolved.address(), left.isNegative() ? Duration.ZERO : left, timeout);
        });
    }
}
