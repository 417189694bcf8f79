package dev.vigil.collector.tenancy.web;

import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.tenancy.Tenancy;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** The routes of customers, users and passwords, API tokens, and login protection (docs/api.md, "Customers and users"). */
public final class TenancyRoutes implements ApiModule {
    private final CustomerRoutes customers;
    private final UserRoutes users;
    private final LockoutRoutes lockouts;
    private final TokenRoutes tokens;
    private final TwoFactorRoutes twoFactor;

    public TenancyRoutes(Vertx vertx, Tenancy tenancy, SiteProjection projection, Clock clock) {
        this.tokens = new TokenRoutes(vertx, tenancy, clock);
        this.twoFactor = new TwoFactorRoutes(vertx, tenancy);
        this.customers = new CustomerRoutes(vertx, tenancy, projection);
        this.users = new UserRoutes(vertx, tenancy);
        this.lockouts = new LockoutRoutes(vertx, tenancy);
    }

    @Override
    public void mount(Router router) {
        customers.mount(router);
        users.mount(router);
        lockouts.mount(router);
        tokens.mount(router);
        twoFactor.mount(router);
    }
}
