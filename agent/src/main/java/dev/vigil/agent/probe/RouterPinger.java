package dev.vigil.agent.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Probing method {@code router}: the router that owns a WAN pings the target for us over its API ({@code /ping} with
 * {@code count=1} and {@code interface} or {@code src-address}), so the probe takes exactly the WAN's path. The RouterOS
 * part implements it; the stage must complete (with an error in the result rather than exceptionally) within about
 * {@code timeout} plus the API round trip.
 */
@FunctionalInterface
public interface RouterPinger {
    CompletionStage<PingResult> ping(String router, InetAddress target, String viaInterface, Duration timeout);
}
