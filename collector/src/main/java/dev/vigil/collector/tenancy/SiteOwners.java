package dev.vigil.collector.tenancy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which customer each site belongs to, held in memory so that every route, the live stream and the MQTT ACL can ask
 * without a store call: loaded at start, changed through {@link Customers}, and reloaded by {@link TenancySync} when
 * collectors share the store. A site that belongs to no customer is seen by MSP staff only. Thread-safe; public for
 * every package that filters by site.
 */
public final class SiteOwners {
    private final StoreCopy<Map<String, String>> owners = new StoreCopy<>(Map.of());

    /** The site's customer, empty for an MSP-only site (or an unknown one). */
    public Optional<String> customerOf(String site) {
        return site == null
                ? Optional.empty()
                : Optional.ofNullable(owners.get().get(site));
    }

    /**
     * True when someone scoped to {@code customer} may see the site; {@code customer} null means MSP staff, who see
     * every site.
     */
    public boolean visibleTo(String customer, String site) {
        return customer == null || (site != null && customer.equals(owners.get().get(site)));
    }

    /** The customer's sites, sorted; empty for a customer without sites (or an unknown one). */
    public List<String> sitesOf(String customer) {
        return owners.get().entrySet().stream()
                .filter(e -> e.getValue().equals(customer))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    long changes() {
        return owners.changes();
    }

    /** False when a local change came after {@code seen} (the read may predate it). */
    boolean reload(Map<String, String> siteToCustomer, long seen) {
        return owners.reload(Map.copyOf(siteToCustomer), seen);
    }

    void assign(String site, String customer) {
        owners.change(m -> StoreCopy.withEntry(m, site, customer));
    }

    boolean hasSites(String customer) {
        return owners.get().containsValue(customer);
    }
}
