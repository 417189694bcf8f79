package dev.vigil.collector.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which customer each user belongs to (absent: MSP staff), in memory like {@link SiteOwners}. Thread-safe. */
public final class UserScopes {
    private final Map<String, String> customers = new ConcurrentHashMap<>();

    /** The user's customer, null for MSP staff. */
    public String customerOf(String username) {
        return username == null ? null : customers.get(username);
    }

    void load(Map<String, String> userToCustomer) {
        customers.clear();
        customers.putAll(userToCustomer);
    }

    void assign(String username, String customer) {
        if (customer == null) {
            customers.remove(username);
        } else {
            customers.put(username, customer);
        }
    }

    boolean hasUsers(String customer) {
        return customers.containsValue(customer);
    }
}
