package dev.vigil.collector.http;

import dev.vigil.collector.tenancy.SiteOwners;

/** Which sites the caller may see: {@code customer} null for MSP staff (all sites). */
record CallerScope(String customer, SiteOwners owners) {
    boolean canSee(String site) {
        return owners.visibleTo(customer, site);
    }
}
