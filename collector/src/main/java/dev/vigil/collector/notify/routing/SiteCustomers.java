package dev.vigil.collector.notify.routing;

import java.util.Optional;

/**
 * Which customer a site belongs to, for rules that name a customer. Customers come with tenancy; until then {@link
 * #NONE} knows no customer, so a rule with a customer matches nothing.
 */
@FunctionalInterface
public interface SiteCustomers {
    SiteCustomers NONE = site -> Optional.empty();

    Optional<String> customerOf(String site);
}
