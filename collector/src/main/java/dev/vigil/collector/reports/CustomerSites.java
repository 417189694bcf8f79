package dev.vigil.collector.reports;

import java.util.List;
import java.util.Optional;

/**
 * Which sites belong to a customer, for {@code customer=} reports. The tenancy side owns customers; until it is wired
 * in, {@link #NONE} is not configured and such reports answer 400.
 */
public interface CustomerSites {
    /** False while the collector has no customers at all. */
    boolean configured();

    /** The customer's sites, empty when there is no such customer. */
    Optional<List<String>> sitesOf(String customer);

    CustomerSites NONE = new CustomerSites() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public Optional<List<String>> sitesOf(String customer) {
            return Optional.empty();
        }
    };
}
