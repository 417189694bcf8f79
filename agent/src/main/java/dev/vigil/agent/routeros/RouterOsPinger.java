package dev.vigil.agent.routeros;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Pings through a router for the WAN probes (probe method {@code router}): one echo with {@code count=1} and the
 * WAN's interface, run by the named router. The stage always completes normally; a failure is in
 * {@link RouterPing#error()}. Adapter for {@code dev.vigil.agent.probe.RouterPinger}:
 * {@code (r, t, via, to) -> pinger.ping(r, t, via, to).thenApply(p -> new PingResult(p.sent(), p.received(),
 * p.rttAvg(), p.error()))}.
 */
public final class RouterOsPinger {
    /** Added to the probe's timeout for the API round trip: RouterOS waits about 1 s itself for a lost echo. */
    static final Duration API_MARGIN = Duration.ofMillis(1500);

    private final Map<String, RouterOsClient> routers;

    public RouterOsPinger(Map<String, RouterOsClient> routers) {
        this.routers = Map.copyOf(routers);
    }

    public CompletionStage<RouterPing> ping(String router, InetAddress target, String viaInterface, Duration timeout) {
        RouterOsClient client = routers.get(router);
        if (client == null) {
            return CompletableFuture.completedFuture(RouterPing.failed(
                    target.getHostAddress(), "no router named '" + router + "' in the routers section"));
        }
        return client.ping(target, 1, viaInterface, null, timeout.plus(API_MARGIN))
                .handle((ping, error) -> error == null
                        ? ping
                        : RouterPing.failed(
                                target.getHostAddress(),
                                ApiRouterOsClient.unwrap(error).getMessage()));
    }
}
