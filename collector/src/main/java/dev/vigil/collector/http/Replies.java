package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.store.StoreException;
import dev.vigil.protocol.Json;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;

/** JSON replies and the API's error shape {@code {"error": "..."}}. */
public final class Replies {
    private static final System.Logger LOG = System.getLogger(Replies.class.getName());

    private Replies() {}

    public static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.toString());
    }

    /**
     * 404 for a site that does not exist or that the caller may not see: the same answer for both, so that another
     * customer's sites cannot be told from missing ones.
     */
    public static void noSuchSite(RoutingContext ctx, String site) {
        error(ctx, 404, "no site named " + site);
    }

    public static void error(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        json(ctx, status, Json.object().put("error", reason));
    }

    /** For a failed future: 503 when the store failed, 500 otherwise. */
    public static void failure(RoutingContext ctx, Throwable t) {
        if (t instanceof StoreException) {
            LOG.log(
                    Level.WARNING,
                    "store unavailable for {0}: {1}",
                    ctx.request().path(),
                    t.getMessage());
            error(ctx, 503, "the store is unavailable, try again shortly");
        } else if (t instanceof IllegalArgumentException) {
            error(ctx, 400, t.getMessage());
        } else {
            LOG.log(Level.ERROR, "internal error on " + ctx.request().path(), t);
            error(ctx, 500, "internal error");
        }
    }
}
