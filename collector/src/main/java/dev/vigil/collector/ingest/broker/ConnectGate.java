package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Directory.Principal;
import java.time.Duration;

/** Decides a CONNECT from its credentials and source address (blocking: the broker calls it on a worker). */
public interface ConnectGate {
    sealed interface Verdict permits Accepted, Refused, Throttled {}

    record Accepted(Principal who) implements Verdict {}

    record Refused() implements Verdict {}

    /** Too many failures lately from this address or for this account: refused without checking the password. */
    record Throttled(Duration retryAfter) implements Verdict {}

    Verdict check(String username, String password, String address);

    /** The directory alone, without throttling. */
    static ConnectGate of(Directory directory) {
        return (username, password, address) -> directory
                .authenticate(username, password)
                .<Verdict>map(Accepted::new)
                .orElseGet(Refused::new);
    }
}
