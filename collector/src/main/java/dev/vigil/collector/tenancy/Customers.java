package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.PasswordHasher;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.store.TenancyStore.CustomerRecord;
import dev.vigil.collector.store.UserRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Customers, their sites and their users. Blocking (the store and PBKDF2): call from a worker. Keeps
 * {@link SiteOwners} and {@link UserScopes} in step with the store.
 */
public final class Customers {
    /** The outcome of deleting a customer. */
    public enum Deleted {
        DONE,
        NOT_FOUND,
        IN_USE
    }

    private final TenancyStore store;
    private final Directory directory;
    private final SiteOwners owners;
    private final UserScopes scopes;
    private final Clock clock;
    private final StoreCopy<Set<String>> names = new StoreCopy<>(Set.of());

    public Customers(TenancyStore store, Directory directory, SiteOwners owners, UserScopes scopes, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.owners = owners;
        this.scopes = scopes;
        this.clock = clock;
    }

    long changes() {
        return names.changes();
    }

    /** False when a local change came after {@code seen} (the read may predate it). */
    boolean reload(List<CustomerRecord> stored, long seen) {
        return names.reload(Set.copyOf(stored.stream().map(CustomerRecord::name).toList()), seen);
    }

    public boolean exists(String name) {
        return name != null && names.get().contains(name);
    }

    /** False when it exists already. @throws IllegalArgumentException for an unusable name */
    public boolean create(String name) {
        CustomerNames.check(name);
        boolean created = store.createCustomer(new CustomerRecord(name, clock.instant()));
        if (created) {
            names.change(n -> StoreCopy.withMember(n, name, true));
        }
        return created;
    }

    public List<CustomerRecord> list() {
        return store.customers();
    }

    /** Only a customer without sites and users can go: deleting one must not make its sites the MSP's silently. */
    public Deleted delete(String name) {
        if (!exists(name)) {
            return Deleted.NOT_FOUND;
        }
        if (owners.hasSites(name) || scopes.hasUsers(name)) {
            return Deleted.IN_USE;
        }
        boolean deleted = store.deleteCustomer(name);
        names.change(n -> StoreCopy.withMember(n, name, false));
        return deleted ? Deleted.DONE : Deleted.NOT_FOUND;
    }

    /**
     * Creates a site, of the customer when one is given.
     *
     * @return empty when the site exists already
     * @throws IllegalArgumentException for a bad site name or tag, or an unknown customer
     */
    public Optional<Directory.NewSite> addSite(String site, List<String> tags, String customer) {
        requireKnown(customer);
        Optional<Directory.NewSite> created = directory.addSite(site, tags);
        if (created.isPresent() && customer != null) {
            assignSite(site, customer);
        }
        return created;
    }

    /** Moves a site to a customer (null: the MSP's only); false when there is no such site. */
    public boolean assignSite(String site, String customer) {
        requireKnown(customer);
        boolean found = store.setSiteCustomer(site, customer);
        if (found) {
            owners.assign(site, customer);
        }
        return found;
    }

    /**
     * Creates a user; {@code customer} null makes MSP staff.
     *
     * @return false when the user name is taken
     * @throws IllegalArgumentException for a bad name or password, or an unknown customer
     */
    public boolean addUser(String username, Role role, String password, String customer) {
        Directory.checkUsername(username);
        Directory.checkPassword(password);
        requireKnown(customer);
        String hash = PasswordHasher.hash(password, PasswordHasher.USER_ITERATIONS);
        boolean created = store.createUser(new UserRecord(username, role.wireName(), hash, clock.instant()), customer);
        if (created) {
            scopes.put(username, role, customer);
        }
        return created;
    }

    private void requireKnown(String customer) {
        if (customer != null && !exists(customer)) {
            throw new IllegalArgumentException("no customer named " + customer);
        }
    }
}
