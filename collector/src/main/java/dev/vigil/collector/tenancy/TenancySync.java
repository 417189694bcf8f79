package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.store.TenancyStore.CustomerRecord;
import dev.vigil.collector.store.TenancyStore.SsoUserRow;
import dev.vigil.collector.store.TenancyStore.UserRow;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the copies in memory that access checks read (customers, site owners, users' roles and customers, who has
 * two-factor sign-in on, the single sign-on users exempt from it) in step with the store. Collectors sharing one
 * PostgreSQL reload them every {@link #PERIOD}, on a worker, so a change made on one counts on the others within that;
 * each copy is swapped whole. A reload that
 * fails (database down) logs one line per outage and keeps the last good copies. Blocking except {@link #schedule}.
 */
public final class TenancySync {
    /** As often as sessions and API tokens are compared with the store. */
    public static final Duration PERIOD = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(TenancySync.class.getName());

    private final TenancyStore store;
    private final Customers customers;
    private final SiteOwners owners;
    private final UserScopes scopes;
    private final TwoFactor twoFactor;
    private final List<Runnable> alsoReload = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean failing;

    TenancySync(TenancyStore store, Customers customers, SiteOwners owners, UserScopes scopes, TwoFactor twoFactor) {
        this.store = store;
        this.customers = customers;
        this.owners = owners;
        this.scopes = scopes;
        this.twoFactor = twoFactor;
    }

    /** Reloads every copy now (skipped while one is under way). At start-up it must work: it throws then. */
    public void reload() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            long c = customers.changes();
            long o = owners.changes();
            long u = scopes.changes();
            long t = twoFactor.changes();
            List<CustomerRecord> storedCustomers = store.customers();
            Map<String, String> siteCustomers = store.siteCustomers();
            List<UserRow> users = store.users();
            List<String> totpUsers = store.totpUsers();
            customers.reload(storedCustomers, c);
            owners.reload(siteCustomers, o);
            scopes.reload(users, u);
            twoFactor.reload(totpUsers, t);
            alsoReload.forEach(Runnable::run);
        } finally {
            running.set(false);
        }
    }

    /** Another blocking reload to run with each {@link #reload} (the single sign-on users exempt from TOTP). */
    public void alsoReload(Runnable reload) {
        alsoReload.add(reload);
    }

    /** {@link #reload}, logging a failure once per outage instead of throwing. */
    void reloadOrKeep() {
        try {
            reload();
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "customers, site owners, users and two-factor state reload from the store again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(
                        Level.WARNING,
                        "cannot reload customers, site owners, users and two-factor state from the store ({0});"
                                + " access checks keep the last copy read",
                        e.getMessage());
            }
        }
    }

    /**
     * Reads one user's role and customer from the store into the copy: at each sign-in, and for a session of a user
     * the copy does not know yet. False (and the user forgotten) when the store has no such user.
     */
    public boolean learnUser(String username) {
        Optional<SsoUserRow> row = store.ssoUser(username);
        Optional<Role> role = row.flatMap(r -> Role.parse(r.role()));
        if (role.isEmpty()) {
            if (scopes.known(username)) {
                scopes.remove(username);
            }
            return false;
        }
        scopes.put(username, role.get(), row.get().customer());
        return true;
    }

    /** Reloads every {@link #PERIOD} on a worker: for collectors sharing the store. */
    public void schedule(Vertx vertx) {
        vertx.setPeriodic(
                PERIOD.toMillis(),
                t -> vertx.executeBlocking(
                        () -> {
                            reloadOrKeep();
                            return null;
                        },
                        false));
    }
}
