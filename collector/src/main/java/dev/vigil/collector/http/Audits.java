package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.audit.AuditEntry;
import dev.vigil.collector.audit.AuditTrail;
import dev.vigil.protocol.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * One-line audit records from a route (docs/audit.md): the actor is the caller (a token's calls add {@code token} to
 * the details), the source its address. Never throws; nothing secret may be passed in.
 */
public final class Audits {
    static final String KEY = "vigil.audit";

    private Audits() {}

    /** An {@code ok} line by the caller behind the login. */
    public static void ok(RoutingContext ctx, String kind, String site, String summary) {
        ok(ctx, kind, site, summary, Json.object());
    }

    /** An {@code ok} line by the caller behind the login, with details. */
    public static void ok(RoutingContext ctx, String kind, String site, String summary, ObjectNode details) {
        ApiSessions.ApiSession session = AuthRoutes.session(ctx);
        String token = AuthRoutes.tokenId(ctx);
        if (token != null) {
            details.put("token", token);
        }
        record(ctx, kind, session == null ? "anonymous" : session.username(), site, "ok", summary, details);
    }

    /** A line with an explicit actor and outcome (sign-in, public links). */
    public static void record(
            RoutingContext ctx,
            String kind,
            String actor,
            String site,
            String outcome,
            String summary,
            ObjectNode details) {
        try {
            AuditTrail trail = ctx.get(KEY);
            if (trail != null) {
                trail.record(new AuditEntry(kind, actor, site, outcome, summary, details, source(ctx)));
            }
        } catch (RuntimeException e) {
            System.getLogger(Audits.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot record a {0} audit entry: {1}", kind, e.toString());
        }
    }

    /** Details with one field. */
    public static ObjectNode with(String key, String value) {
        return Json.object().put(key, value);
    }

    private static String source(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null
                ? null
                : ctx.request().remoteAddress().host();
    }
}
