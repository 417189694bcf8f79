package dev.vigil.collector.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response carries, pages, API, errors and static files alike. The dashboard has no inline script,
 * style or event handler, so the policy needs no {@code 'unsafe-inline'}; {@code data:} images are the empty favicon.
 * HSTS only over TLS: a browser ignores it on plain HTTP, and sending it there would suggest it protects.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap h = ctx.response().headers();
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        if (ctx.request().isSSL()) {
            h.set("Strict-Transport-Security", HSTS);
        }
        ctx.next();
    }
}
