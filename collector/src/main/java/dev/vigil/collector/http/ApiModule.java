package dev.vigil.collector.http;

import io.vertx.ext.web.Router;

/**
 * A group of API routes that lives outside this package (notify, tenancy, reports, …). {@link HttpApi} mounts every
 * module's public routes before the login check on {@code /api/*} and its other routes after it, all before the
 * catch-all 404.
 */
public interface ApiModule {
    /** Routes that need no login (for example a signed single-use link); each must check its own credential. */
    default void mountPublic(Router router) {}

    /** Routes that need no login and may start a login session (single sign-on); each checks its own credential. */
    default void mountSignIn(Router router, LoginSessions sessions) {}

    /** Routes behind the login: {@link Callers} says who is calling. */
    void mount(Router router);
}
