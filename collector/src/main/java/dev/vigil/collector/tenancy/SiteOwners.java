package dev.vigil.collector.tenancy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which customer each site belongs to, held in memory (loaded at start, changed only through {@link Customers}), so
 * that every route, the live stream and the MQTT ACL can ask without a store call. A site that belongs to no customer
 * is seen by MSP staff only. Thread-safe; public for every package that filters by site.
 */
public final class SiteOwners {
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /** The site's customer, empty for an MSP-only site (or an unknown one). */
    public Optional<String> customerOf(String site) {
        return site == null ? Optional.empty() : Optional.ofNullable(owners.get(site));
    }

    /**
     * True when someone scoped to {@code customer} may see the site; {@code customer} null means MSP staff, who see
     * every site.
     */
    public boolean visibleTo(String customer, String site) {
        return customer == null || (site != null && customer.equals(owners.get(site)));
    }

    /** The customer's sites, sorted; empty for a customer without sites (or an unknown one). */
    public List<String> sitesOf(String customer) {
        return owners.entrySet().stream()
                .filter(e -> e.getValue().equals(customer))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    void load(Map<String, String> siteToCustomer) {
        owners.clear();
        owners.putAll(siteToCustomer);
    }

    void assign(String site, String customer) {
        if (customer == null) {
            owners.remove(site);
        } else {
            owners.put(site, customer);
        }
    }

    boolean hasSites(String customer) {
        return owners.containsValue(customer);
    }
}
