package dev.vigil.agent.probe;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One target reached one way (ICMP echo, TCP connect, HTTP GET, DNS query, or the router pinging for us). A call to
 * {@link #probe} is one attempt; the stage always completes, at the latest shortly after {@code timeout}, and never
 * exceptionally: every failure is a {@link ProbeResult} with a reason.
 */
public interface WanProbe extends AutoCloseable {
    /** What is probed, as shown in events (an address, {@code host:port}, a URL, {@code name@resolver}). */
    String target();

    CompletionStage<ProbeResult> probe(Duration timeout);

    @Override
    default void close() {}
}
