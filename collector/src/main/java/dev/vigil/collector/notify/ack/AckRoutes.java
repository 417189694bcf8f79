package dev.vigil.collector.notify.ack;

import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.alerts.AlertEngine.AckResult;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Audits;
import dev.vigil.collector.http.Replies;
import dev.vigil.protocol.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * The public acknowledge link {@code /ack/{token}}: GET shows a confirm page whose button POSTs (a plain form, no
 * script), POST acknowledges the one alert the token names. Forged, expired and reused tokens get 403 and change
 * nothing.
 */
public final class AckRoutes implements ApiModule {
    private static final System.Logger LOG = System.getLogger(AckRoutes.class.getName());
    public static final String ACKNOWLEDGED_BY = "ack-link";
    private static final String CSS_PATH = "/ack-page.css";

    private final AckTokens tokens;
    private final AckStore store;
    private final AlertEngine alerts;
    private final Clock clock;
    private final Buffer css;

    public AckRoutes(AckTokens tokens, AckStore store, AlertEngine alerts, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.css = Buffer.buffer(resource("ack.css"));
    }

    @Override
    public void mountPublic(Router router) {
        router.get(CSS_PATH).handler(this::handleCss);
        router.get("/ack/:token").handler(this::handleConfirmPage);
        router.post("/ack/:token").handler(this::handleAck);
    }

    @Override
    public void mount(Router router) {}

    private void handleCss(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/css; charset=utf-8").end(css);
    }

    private void handleConfirmPage(RoutingContext ctx) {
        AckTokens.Token token;
        try {
            token = tokens.verify(ctx.pathParam("token"), clock.instant());
        } catch (AckTokens.Refused e) {
            LOG.log(Level.WARNING, "ack page refused from {0}: {1}", remote(ctx), e.getMessage());
            page(ctx, 403, "<p class=\"refused\">This acknowledge link is not valid (" + e.getMessage() + ").</p>");
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> store.unused(token), false)
                .onSuccess(unused -> {
                    if (!unused) {
                        page(ctx, 403, "<p class=\"refused\">This acknowledge link was used already.</p>");
                        return;
                    }
                    String title = alerts.allUnresolved().stream()
                            .filter(a -> a.id().equals(token.alertId()))
                            .map(a -> a.title())
                            .findFirst()
                            .orElse("alert " + token.alertId());
                    page(
                            ctx,
                            200,
                            "<p class=\"alert\">" + escape(title) + "</p><form method=\"post\">"
                                    + "<button type=\"submit\">Acknowledge</button></form>");
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleAck(RoutingContext ctx) {
        AckTokens.Token token;
        try {
            token = tokens.verify(ctx.pathParam("token"), clock.instant());
        } catch (AckTokens.Refused e) {
            refuse(ctx, e.getMessage());
            return;
        }
        ctx.vertx()
                .executeBlocking(
                        () -> store.use(token) ? alerts.acknowledge(token.alertId(), ACKNOWLEDGED_BY) : null, false)
                .onSuccess(result -> {
                    if (result == null) {
                        refuse(ctx, "reused");
                    } else if (result instanceof AckResult.Done done) {
                        LOG.log(
                                Level.INFO,
                                "alert {0} acknowledged through its ack link",
                                done.alert().id());
                        Audits.record(
                                ctx,
                                "alert.acknowledged",
                                ACKNOWLEDGED_BY,
                                done.alert().site(),
                                "ok",
                                "acknowledged alert " + done.alert().id() + " through its ack link",
                                Audits.with("alert", done.alert().id()));
                        reply(ctx, 200, "acknowledged", done.alert().id());
                    } else if (result instanceof AckResult.AlreadyResolved) {
                        reply(ctx, 409, "the alert is resolved already", token.alertId());
                    } else {
                        reply(ctx, 404, "the alert no longer exists", token.alertId());
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void refuse(RoutingContext ctx, String reason) {
        LOG.log(Level.WARNING, "ack refused from {0}: {1} token", remote(ctx), reason);
        Audits.record(
                ctx,
                "alert.acknowledged",
                ACKNOWLEDGED_BY,
                null,
                "denied",
                "ack link refused: " + reason + " token",
                Audits.with("reason", reason));
        reply(ctx, 403, "this acknowledge link is not valid (" + reason + ")", null);
    }

    /** JSON for curl and the ntfy action, a small page for a browser's form post. */
    private static void reply(RoutingContext ctx, int status, String text, String alertId) {
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            String shown = status == 200 ? "Acknowledged: reminders and escalation of this alert stop." : text;
            page(ctx, status, "<p class=\"" + (status == 200 ? "alert" : "refused") + "\">" + escape(shown) + "</p>");
            return;
        }
        if (status == 200) {
            Replies.json(ctx, 200, Json.object().put("status", text).put("alert", alertId));
        } else {
            Replies.error(ctx, status, text);
        }
    }

    private static void page(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .end("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>Vigil: acknowledge</title><link rel=\"stylesheet\" href=\"" + CSS_PATH + "\">"
                        + "</head><body><h1>Vigil</h1>" + body + "</body></html>");
    }

    private static String remote(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null
                ? "?"
                : ctx.request().remoteAddress().hostAddress();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static byte[] resource(String name) {
        try (InputStream in = AckRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
