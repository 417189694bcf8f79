package dev.vigil.collector.tenancy;

import dev.vigil.collector.ingest.broker.UserSites;

/** {@link UserSites} from the users' customers and the sites' owners. */
public final class ScopedUserSites implements UserSites {
    private final UserScopes scopes;
    private final SiteOwners owners;

    public ScopedUserSites(UserScopes scopes, SiteOwners owners) {
        this.scopes = scopes;
        this.owners = owners;
    }

    @Override
    public boolean restricted(String username) {
        return scopes.customerOf(username) != null;
    }

    @Override
    public boolean visible(String username, String site) {
        return owners.visibleTo(scopes.customerOf(username), site);
    }
}
