package dev.vigil.collector.tenancy;

import dev.vigil.collector.audit.AuditTrail;
import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.Stores;
import java.time.Clock;
import java.util.Set;

/**
 * Customers and their scope, users, login protection, API tokens and the authentication log: what every route asks
 * before it shows or changes something. {@link SiteOwners} is the public site → customer lookup; {@link TenancySync} keeps the
 * copies in memory in step with a store shared by several collectors.
 */
public record Tenancy(
        SiteOwners owners,
        UserScopes scopes,
        Customers customers,
        UserAdmin users,
        LoginGuard logins,
        AuthLog log,
        Revocations revocations,
        ApiTokens tokens,
        TwoFactor twoFactor,
        TenancySync sync) {

    /** Blocking: reads the customers and scopes from the store. */
    public static Tenancy open(
            Stores stores, Directory directory, Counters counters, Clock clock, Set<Role> totpRequiredFor) {
        return open(stores, directory, counters, clock, totpRequiredFor, AuditTrail.NONE);
    }

    /** As above, the authentication log also going to the audit trail. Blocking. */
    public static Tenancy open(
            Stores stores,
            Directory directory,
            Counters counters,
            Clock clock,
            Set<Role> totpRequiredFor,
            AuditTrail audit) {
        SiteOwners owners = new SiteOwners();
        UserScopes scopes = new UserScopes();
        AuthLog log = new AuthLog(stores.tenancy(), clock, audit);
        Revocations revocations = new Revocations();
        Customers customers = new Customers(stores.tenancy(), directory, owners, scopes, clock);
        ApiTokens tokens = new ApiTokens(stores.tenancy(), clock, log);
        tokens.load();
        TwoFactor twoFactor = new TwoFactor(stores.tenancy(), clock, log, totpRequiredFor);
        TenancySync sync = new TenancySync(stores.tenancy(), customers, owners, scopes, twoFactor);
        sync.reload();
        return new Tenancy(
                owners,
                scopes,
                customers,
                new UserAdmin(stores.tenancy(), directory, scopes, revocations, log, tokens),
                new LoginGuard(new LoginThrottle(clock), log, counters),
                log,
                revocations,
                tokens,
                twoFactor,
                sync);
    }
}
