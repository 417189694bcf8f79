package dev.vigil.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whose users may see an entry (docs/audit.md, scoping): the customer of its site; without a site the customer named
 * in its details ({@code customer}), else the customer of the user it is about ({@code user}), else of the user who
 * did it. Null (MSP staff only) when none applies, e.g. a failed login for an unknown name.
 */
public final class EntryCustomers implements Function<AuditEntry, String> {
    private final Function<String, Optional<String>> siteCustomer;
    private final Function<String, String> userCustomer;

    /** Both lookups in memory: they run on the caller's thread. */
    public EntryCustomers(Function<String, Optional<String>> siteCustomer, Function<String, String> userCustomer) {
        this.siteCustomer = siteCustomer;
        this.userCustomer = userCustomer;
    }

    @Override
    public String apply(AuditEntry e) {
        if (e.site() != null) {
            return siteCustomer.apply(e.site()).orElse(null);
        }
        JsonNode customer = e.details().get("customer");
        if (customer != null && customer.isTextual()) {
            return customer.asText();
        }
        JsonNode user = e.details().get("user");
        if (user != null && user.isTextual()) {
            return userCustomer.apply(user.asText());
        }
        return e.actor() == null || e.actor().contains(":") ? null : userCustomer.apply(e.actor());
    }
}
