package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.ingest.broker.ConnectGate;
import java.util.Optional;

/**
 * MQTT CONNECT through the {@link LoginGuard}: throttled per source address always, and per account for users. A
 * site's account is not locked by failures: its secret cannot be guessed, and a stranger must not be able to keep
 * its agent out. Blocking.
 */
public final class GuardedConnectGate implements ConnectGate {
    private final Directory directory;
    private final LoginGuard guard;

    public GuardedConnectGate(Directory directory, LoginGuard guard) {
        this.directory = directory;
        this.guard = guard;
    }

    @Override
    public Verdict check(String username, String password, String address) {
        String account = directory.isSite(username) ? null : username;
        Optional<java.time.Duration> wait = guard.check("mqtt", account, address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        Optional<Principal> who = directory.authenticate(username, password);
        if (who.isEmpty()) {
            guard.failed("mqtt", account, address);
            return new Refused();
        }
        if (account != null) {
            guard.succeeded(account);
        }
        return new Accepted(who.get());
    }
}
