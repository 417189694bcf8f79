package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.ingest.broker.ConnectGate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * MQTT CONNECT through the {@link LoginGuard}: throttled per source address always, and per account for users. A
 * site's account is not locked by failures: its secret cannot be guessed, and a stranger must not be able to keep
 * its agent out. A user may give an API token of their own (same customer) as the password, and must when TOTP is on
 * for them: MQTT has no second factor, so their password alone is refused. A user's role, customer and two-factor state
 * are read from the store at each CONNECT, so a change made on another collector sharing it counts at once. Blocking.
 */
public final class GuardedConnectGate implements ConnectGate {
    private final Directory directory;
    private final Tenancy tenancy;

    public GuardedConnectGate(Directory directory, Tenancy tenancy) {
        this.directory = directory;
        this.tenancy = tenancy;
    }

    @Override
    public Verdict check(String username, String password, String address) {
        LoginGuard guard = tenancy.logins();
        String account = directory.isSite(username) ? null : username;
        Optional<Duration> wait = guard.check("mqtt", account, address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        Optional<Principal> who = account != null && password != null && password.startsWith("vgt_")
                ? byToken(username, password)
                : directory.authenticate(username, password);
        if (who.isEmpty()) {
            guard.failed("mqtt", account, address);
            return new Refused();
        }
        if (who.get() instanceof UserPrincipal && !tenancy.sync().learnUser(username)) {
            return new Refused();
        }
        boolean passwordOfTotpUser = who.get() instanceof UserPrincipal
                && !password.startsWith("vgt_")
                && tenancy.twoFactor().enrolledNow(username);
        if (passwordOfTotpUser) {
            return new Refused();
        }
        if (account != null) {
            guard.succeeded(account);
        }
        return new Accepted(who.get());
    }

    private Optional<Principal> byToken(String username, String token) {
        if (!tenancy.sync().learnUser(username)
                || !(tenancy.tokens().check(token) instanceof ApiTokens.Valid valid)
                || !valid.token().username().equals(username)
                || !Objects.equals(valid.token().customer(), tenancy.scopes().customerOf(username))) {
            return Optional.empty();
        }
        if (valid.writeUse()) {
            tenancy.tokens().recordUse(valid.token().id());
        }
        return Optional.of(new UserPrincipal(username, valid.role()));
    }
}
