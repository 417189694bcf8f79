package dev.vigil.collector.http;

import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/stream}: Server-Sent Events {@code site}, {@code event}, {@code alert}, and a comment every
 * {@link #KEEP_ALIVE_MS} so proxies keep the connection. A browser that cannot keep up is disconnected (it reconnects
 * and reloads) rather than buffered without bound. A customer's user gets only the messages of that customer's sites.
 */
final class LiveStream {
    static final long KEEP_ALIVE_MS = 15_000;

    private final Vertx vertx;
    private final LiveUpdates live;

    LiveStream(Vertx vertx, LiveUpdates live) {
        this.vertx = vertx;
        this.live = live;
    }

    void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": connected\n\n");
        Context context = vertx.getOrCreateContext();
        CallerScope scope = AuthRoutes.scope(ctx);
        Runnable unsubscribe = live.subscribe((name, json) -> {
            if (scope == null || scope.customer() == null || scope.canSee(siteOf(json))) {
                context.runOnContext(v -> send(response, name, json));
            }
        });
        long timer = vertx.setPeriodic(KEEP_ALIVE_MS, t -> {
            if (!response.closed()) {
                response.write(": keep-alive\n\n");
            }
        });
        response.closeHandler(v -> {
            unsubscribe.run();
            vertx.cancelTimer(timer);
        });
    }

    /** Every live message (site summary, event, alert) names its site at the top level. */
    private static String siteOf(String json) {
        try {
            return WireCodec.mapper().readTree(json).path("site").asText(null);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static void send(HttpServerResponse response, String name, String json) {
        if (response.closed() || response.ended()) {
            return;
        }
        if (response.writeQueueFull()) {
            response.reset();
            return;
        }
        StringBuilder frame = new StringBuilder("event: ").append(name).append('\n');
        for (String line : json.split("\r?\n")) {
            frame.append("data: ").append(line).append('\n');
        }
        response.write(frame.append('\n').toString());
    }
}
