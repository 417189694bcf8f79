package dev.vigil.agent.run;

import dev.vigil.agent.probe.PingResult;
import dev.vigil.agent.probe.RouterPinger;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.routeros.RouterOsPinger;
import java.util.Map;

/** The probes' {@code method: router} served by the RouterOS clients ({@code /ping} on the router). */
final class RouterPingers {
    private RouterPingers() {}

    static RouterPinger through(Map<String, RouterOsClient> clients) {
        RouterOsPinger pinger = new RouterOsPinger(clients);
        return (router, target, via, timeout) -> pinger.ping(router, target, via, timeout)
                .thenApply(p -> new PingResult(p.sent(), p.received(), p.rttAvg(), p.error()));
    }
}
