package dev.vigil.collector.http;

import dev.vigil.collector.auth.Role;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Starts a login session as a password login does (same cookie), for sign-ins that happen elsewhere (SSO). */
public final class LoginSessions {
    private final ApiSessions sessions;

    LoginSessions(ApiSessions sessions) {
        this.sessions = sessions;
    }

    /** Stores a new session and puts its cookie on the response. */
    public Future<Void> start(RoutingContext ctx, String username, Role role) {
        return sessions.create(username, role).map(token -> {
            ctx.response().addCookie(AuthRoutes.sessionCookie(ctx, token));
            return null;
        });
    }
}
