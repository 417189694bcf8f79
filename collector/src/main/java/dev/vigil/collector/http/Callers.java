package dev.vigil.collector.http;

import dev.vigil.collector.auth.Role;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling a route behind the login, for {@link ApiModule}s. Scoping rule for every route that shows a site's
 * data: filter lists with {@link #canSee}, and answer a site the caller cannot see exactly like an unknown one (404),
 * so that another customer's sites cannot even be confirmed to exist.
 */
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

    /** The customer the caller belongs to; null for MSP staff, who see every site. */
    public static String customer(RoutingContext ctx) {
        return AuthRoutes.scope(ctx).customer();
    }

    /** True when the caller may see the site (MSP staff: every site; a customer's user: that customer's sites). */
    public static boolean canSee(RoutingContext ctx, String site) {
        return AuthRoutes.scope(ctx).canSee(site);
    }

    /**
     * True for MSP staff with at least the role; otherwise replies (403) and returns false. For what only the MSP may
     * change: customers, sites, lockouts.
     */
    public static boolean requireStaff(RoutingContext ctx, Role role) {
        if (customer(ctx) != null) {
            Replies.error(ctx, 403, "this needs MSP staff, not a customer's user");
            return false;
        }
        return require(ctx, role);
    }

    /** True when the caller signed in with an API token rather than a password (tokens may not manage tokens). */
    public static boolean viaToken(RoutingContext ctx) {
        return AuthRoutes.tokenId(ctx) != null;
    }

    /** Who asked, for records of who did what: the user name, or {@code token:<name>} for an API token. */
    public static String actor(RoutingContext ctx) {
        String token = ctx.get(AuthRoutes.TOKEN_NAME_KEY);
        return token != null ? "token:" + token : username(ctx);
    }
}
