package dev.vigil.collector.app;

import dev.vigil.collector.reports.CustomerSites;
import dev.vigil.collector.tenancy.Tenancy;
import java.util.List;
import java.util.Optional;

/** The sites of a customer for {@code customer=} reports, from tenancy's in-memory site owners. */
final class TenancyCustomerSites implements CustomerSites {
    private final Tenancy tenancy;

    TenancyCustomerSites(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** Always: customers are part of every collector; an unknown one answers 404. */
    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Optional<List<String>> sitesOf(String customer) {
        if (!tenancy.customers().exists(customer)) {
            return Optional.empty();
        }
        return Optional.of(tenancy.owners().sitesOf(customer));
    }
}
