package dev.vigil.collector.http;

import dev.vigil.collector.store.ApiSessionStore;
import dev.vigil.protocol.Json;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.lang.System.Logger.Level;

/**
 * The REST/SSE API of docs/api.md, {@code /healthz}, the routes of {@link ApiModule}s ({@code /metrics}) and the dashboard's static files (classpath
 * folder {@code vigil-dashboard/}). {@link #start()} completes only once the port is listening.
 */
public final class HttpApi extends VerticleBase {
    private static final System.Logger LOG = System.getLogger(HttpApi.class.getName());
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final String host;
    private final int port;
    private final ApiDeps deps;
    private final HttpsListener https;
    private HttpServer server;
    private HttpServer secureServer;

    public HttpApi(String host, int port, ApiDeps deps) {
        this(host, port, null, deps);
    }

    /** @param https null for plain HTTP only */
    public HttpApi(String host, int port, HttpsListener https, ApiDeps deps) {
        this.host = host;
        this.port = port;
        this.https = https;
        this.deps = deps;
    }

    @Override
    public Future<?> start() {
        ApiSessionStore store = deps.stores().apiSessions();
        ApiSessions sessions = new ApiSessions(deps.clock(), store, this::storeCall);
        return vertx.executeBlocking(store::all, false).compose(stored -> {
            sessions.restore(stored);
            deps.tenancy().revocations().onRevoke(sessions::dropUser);
            LOG.log(Level.INFO, "restored {0} API login sessions", sessions.size());
            vertx.setPeriodic(60_000, t -> sessions.expire());
            vertx.setPeriodic(ApiSessions.STORE_SYNC.toMillis(), t -> {
                java.time.Instant readAt = deps.clock().instant();
                vertx.executeBlocking(store::all, false).onSuccess(all -> sessions.keepOnly(all, readAt));
                vertx.executeBlocking(
                        () -> {
                            deps.tenancy().tokens().refresh();
                            return null;
                        },
                        false);
            });
            return listen(sessions);
        });
    }

    /** Blocking store calls of the sessions: on a worker, in order. */
    private Future<Void> storeCall(Runnable call) {
        return vertx.executeBlocking(
                () -> {
                    call.run();
                    return null;
                },
                true);
    }

    private Future<HttpServer> listen(ApiSessions sessions) {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.route().handler(ctx -> ctx.put(Audits.KEY, deps.audit()).next());
        router.route().handler(ctx -> {
            deps.counters().increment("vigil_http_requests_total");
            ctx.next();
        });
        router.get("/healthz")
                .handler(ctx -> Replies.json(ctx, 200, Json.object().put("status", "ok")));
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        deps.modules().forEach(m -> m.mountPublic(router));
        LoginSessions loginSessions = new LoginSessions(sessions);
        deps.modules().forEach(m -> m.mountSignIn(router, loginSessions));
        new AuthRoutes(vertx, deps, sessions).mount(router);
        new SiteRoutes(vertx, deps).mount(router);
        new AlertRoutes(vertx, deps).mount(router);
        deps.modules().forEach(m -> m.mount(router));
        router.get("/api/stream").handler(new LiveStream(vertx, deps.live())::handle);
        router.route("/api/*")
                .handler(ctx -> Replies.error(
                        ctx, 404, "no such API route: " + ctx.request().path()));
        router.route("/*").handler(StaticHandler.create("vigil-dashboard").setCachingEnabled(false));
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (ctx.failure() != null && status == 500) {
                Replies.failure(ctx, ctx.failure());
            } else {
                Replies.error(
                        ctx, status, status == 413 ? "request body too large" : "request failed (" + status + ")");
            }
        });
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router);
        Future<HttpServer> plain = server.listen().map(s -> {
            LOG.log(Level.INFO, "HTTP API and dashboard listening on {0}:{1,number,#}", host, s.actualPort());
            return s;
        });
        if (https == null) {
            return plain;
        }
        secureServer = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(host)
                        .setPort(https.port())
                        .setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions()
                                .setCertPath(https.certFile().toString())
                                .setKeyPath(https.keyFile().toString())))
                .requestHandler(router);
        return plain.compose(p -> secureServer.listen().map(s -> {
            LOG.log(Level.INFO, "HTTPS API and dashboard listening on {0}:{1,number,#}", host, s.actualPort());
            return p;
        }));
    }

    public int actualPort() {
        return server.actualPort();
    }

    /** The HTTPS port, -1 when not configured. */
    public int actualHttpsPort() {
        return secureServer == null ? -1 : secureServer.actualPort();
    }
}
