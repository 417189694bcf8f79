package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.store.TenancyStore.SsoUserRow;
import dev.vigil.collector.store.UserRecord;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The Vigil users behind single sign-on. A user is bound to one OpenID Connect identity (issuer and subject) at its
 * first SSO sign-in; its role and customer follow the claims of every sign-in (a change ends its older sessions). A
 * user created here has no password ({@link #NO_PASSWORD} never verifies) until an admin resets it. Blocking.
 */
public final class SsoAccounts {
    /** Stored as the password hash of users created by single sign-on: not a hash, so no password matches it. */
    static final String NO_PASSWORD = "sso";

    /** Why a sign-in is refused; the message is shown to the person signing in. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final TenancyStore store;
    private final Tenancy tenancy;
    private final Clock clock;

    public SsoAccounts(TenancyStore store, Tenancy tenancy, Clock clock) {
        this.store = store;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** Reads which users are SSO users, for the two-factor policy. */
    public void load(boolean skipTotp) {
        if (skipTotp) {
            store.ssoUsernames().forEach(tenancy.twoFactor()::exemptFromRequirement);
        }
    }

    /**
     * Creates, binds or updates the user for a verified identity.
     *
     * @param identity {@code issuer subject} of the ID token
     * @param customer null for MSP staff
     * @param createUsers whether a user unknown to Vigil is created (else refused)
     */
    public void signIn(
            String username, String identity, Role role, String customer, boolean createUsers, boolean skipTotp)
            throws Refused {
        try {
            Directory.checkUsername(username);
        } catch (IllegalArgumentException e) {
            throw new Refused("the provider's user name cannot be a Vigil user name: " + e.getMessage());
        }
        if (customer != null && !tenancy.customers().exists(customer)) {
            throw new Refused("the customer '" + customer + "' named by the provider does not exist in Vigil");
        }
        Optional<SsoUserRow> existing = store.ssoUser(username);
        if (existing.isEmpty() && !createUsers) {
            throw new Refused("there is no Vigil user '" + username + "'; ask an admin to create it");
        }
        checkTotp(username, role, skipTotp);
        if (existing.isEmpty()) {
            if (!store.createSsoUser(
                    new UserRecord(username, role.wireName(), NO_PASSWORD, clock.instant()), customer, identity)) {
                throw new Refused("the user '" + username + "' was created at the same moment; sign in again");
            }
            tenancy.scopes().put(username, role, customer);
            tenancy.log().record("sso_user_created", username, null, null);
        } else {
            SsoUserRow row = existing.get();
            if (row.ssoSubject() == null && createUsers) {
                throw new Refused("'" + username + "' is a password user of Vigil; sign in with the password");
            }
            if (row.ssoSubject() != null && !row.ssoSubject().equals(identity)) {
                throw new Refused("the Vigil user '" + username + "' belongs to another identity of the provider");
            }
            boolean changed = !row.role().equals(role.wireName()) || !Objects.equals(row.customer(), customer);
            store.updateSsoUser(username, identity, role.wireName(), customer);
            tenancy.scopes().put(username, role, customer);
            if (changed) {
                tenancy.revocations().revoke(username);
            }
            if (row.ssoSubject() == null) {
                tenancy.log().record("sso_user_bound", username, null, null);
            }
        }
        if (skipTotp) {
            tenancy.twoFactor().exemptFromRequirement(username);
        }
    }

    private void checkTotp(String username, Role role, boolean skipTotp) throws Refused {
        TwoFactor tf = tenancy.twoFactor();
        if (!skipTotp && (tf.enrolled(username) || tf.required(role))) {
            throw new Refused("'" + username + "' must sign in with a password and a one-time code"
                    + " (single sign-on skips them and is off for such users here)");
        }
    }
}
