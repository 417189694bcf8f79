package dev.vigil.collector.tenancy;

import dev.vigil.collector.ops.Counters;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Login protection shared by the HTTP login and MQTT CONNECT: a {@link LoginThrottle} over two keys, the account
 * ({@code account:NAME}) and the source address ({@code address:IP}). An account that reaches {@link #LOCKOUT_AFTER}
 * failures is locked out (it waits at least {@code LoginThrottle.delay(LOCKOUT_AFTER)}, growing); the lockout is
 * written to the authentication log and an admin can lift it. Counters: {@code vigil_login_failures_total},
 * {@code vigil_login_throttled_total}, {@code vigil_login_lockouts_total} (label {@code via}: http, mqtt), gauge
 * {@code vigil_login_throttled_keys}.
 */
public final class LoginGuard {
    public static final int LOCKOUT_AFTER = 10;
    private static final java.util.regex.Pattern ACCOUNT_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    private final LoginThrottle throttle;
    private final AuthLog log;
    private final Counters counters;

    public LoginGuard(LoginThrottle throttle, AuthLog log, Counters counters) {
        this.throttle = throttle;
        this.log = log;
        this.counters = counters;
        counters.gauge("vigil_login_throttled_keys", () -> throttle.waiting(1).size());
    }

    /** How long this attempt must wait; empty when it may check the password. Non-blocking. */
    public Optional<Duration> check(String via, String account, String address) {
        Optional<Duration> wait = throttle.wait(accountKey(account), addressKey(address));
        wait.ifPresent(w -> counters.increment(Counters.label("vigil_login_throttled_total", "via", via)));
        return wait;
    }

    /**
     * A wrong password; {@code account} null when failures must not lock the account (a site, whose 144-bit secret
     * cannot be guessed and whose agent must not be locked out by someone else). Blocking when it records a lockout.
     */
    public void failed(String via, String account, String address) {
        counters.increment(Counters.label("vigil_login_failures_total", "via", via));
        int count = throttle.failed(accountKey(account), addressKey(address));
        if (account != null && count == LOCKOUT_AFTER) {
            counters.increment(Counters.label("vigil_login_lockouts_total", "via", via));
            log.record("lockout", account, address, null);
        }
    }

    /** The right password: the account's failures are forgotten (the address keeps its count). Non-blocking. */
    public void succeeded(String account) {
        throttle.clear(accountKey(account));
    }

    /** Lifts an account's lockout (or throttling); false when it had no failures. Blocking (writes the log). */
    public boolean lift(String account, String admin) {
        boolean had = throttle.clear(accountKey(account));
        if (had) {
            log.record("lockout_lifted", account, null, admin);
        }
        return had;
    }

    /** True when the account is locked out now (as opposed to merely throttled). */
    public boolean lockedOut(String account) {
        return lockouts().stream().anyMatch(w -> w.key().equals(account));
    }

    /** The accounts locked out now. */
    public List<LoginThrottle.Waiting> lockouts() {
        return throttle.waiting(LOCKOUT_AFTER).stream()
                .filter(w -> w.key().startsWith("account:"))
                .map(w -> new LoginThrottle.Waiting(w.key().substring(8), w.failures(), w.until()))
                .toList();
    }

    /** Only names that can be accounts are keys: a 60 kB made-up name must not take 60 kB of the throttle's memory. */
    private static String accountKey(String account) {
        return account == null || !ACCOUNT_NAME.matcher(account).matches() ? null : "account:" + account;
    }

    private static String addressKey(String address) {
        return address == null || address.length() > 64 ? null : "address:" + address;
    }
}
