package dev.vigil.collector.tenancy;

import dev.vigil.collector.ingest.broker.UserSites;

/**
 * {@link UserSites} from the users' customers and the sites' owners. A user {@link UserScopes} does not know sees
 * nothing (the CONNECT reads it from the store first, so this is only a guard).
 */
public final class ScopedUserSites implements UserSites {
    private final UserScopes scopes;
    private final SiteOwners owners;

    public ScopedUserSites(UserScopes scopes, SiteOwners owners) {
        this.scopes = scopes;
        this.owners = owners;
    }

    @Override
    public boolean restricted(String username) {
        return !scopes.known(username) || scopes.customerOf(username) != null;
    }

    @Override
    public boolean visible(String username, String site) {
        return scopes.known(username) && owners.visibleTo(scopes.customerOf(username), site);
    }
}
