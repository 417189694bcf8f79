package dev.vigil.collector.http;

import dev.vigil.collector.auth.Role;
import io.vertx.ext.web.RoutingContext;

/** Who is calling a route behind the login, for {@link ApiModule}s. */
public final class Callers {
    private Callers() {}

    public static String username(RoutingContext ctx) {
        return AuthRoutes.session(ctx).username();
    }

    public static Role role(RoutingContext ctx) {
        return AuthRoutes.session(ctx).role();
    }

    /** True when the caller has at least the role; otherwise replies 403 and returns false. */
    public static boolean require(RoutingContext ctx, Role role) {
        return AuthRoutes.require(ctx, role);
    }
}
