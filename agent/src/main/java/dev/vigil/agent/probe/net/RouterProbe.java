package dev.vigil.agent.probe.net;

import dev.vigil.agent.probe.PingResult;
import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.RouterPinger;
import dev.vigil.agent.probe.WanProbe;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Method {@code router}: the WAN's router pings the target over its API. Bounded by timeout plus {@link #GRACE}. */
public final class RouterProbe implements WanProbe {
    /** Allowance for the API round trip on top of the ping timeout. */
    public static final Duration GRACE = Duration.ofSeconds(1);

    private final RouterPinger pinger;
    private final String router;
    private final InetAddress target;
    private final String viaInterface;
    private final ScheduledExecutorService timer;

    public RouterProbe(
            RouterPinger pinger,
            String router,
            InetAddress target,
            String viaInterface,
            ScheduledExecutorService timer) {
        this.pinger = pinger;
        this.router = router;
        this.target = target;
        this.viaInterface = viaInterface;
        this.timer = timer;
    }

    @Override
    public String target() {
        return target.getHostAddress();
    }

    @Override
    public CompletionStage<ProbeResult> probe(Duration timeout) {
        CompletionStage<PingResult> ping;
        try {
            ping = pinger.ping(router, target, viaInterface, timeout);
        } catch (RuntimeException e) {
            return ProbeResult.failedStage("router " + router + " cannot ping: " + e.getMessage());
        }
        var result = ping.toCompletableFuture()
                .handle((r, e) -> e != null
                        ? ProbeResult.failure("router " + router + ": " + e.getMessage())
                        : judge(r, timeout));
        timer.schedule(
                () -> result.complete(ProbeResult.failure("router " + router + " gave no ping result within "
                        + timeout.plus(GRACE).toMillis() + " ms")),
                timeout.plus(GRACE).toMillis(),
                TimeUnit.MILLISECONDS);
        return result;
    }

    private ProbeResult judge(PingResult r, Duration timeout) {
        if (r.error() != null) {
            return ProbeResult.failure("router " + router + ": " + r.error());
        }
        if (r.received() == 0 || r.rttAvg() == null) {
            return ProbeResult.failure("router " + router + ": no reply within " + timeout.toMillis() + " ms");
        }
        return ProbeResult.success(r.rttAvg(), target.getHostAddress());
    }
}
