package dev.vigil.agent.routeros;

import dev.vigil.agent.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;

/**
 * The binary API client (8728, or 8729 with TLS). One session, shared by concurrent tagged commands. The first call
 * connects; when the session drops every pending call fails at once, and a new session is attempted after an
 * exponential backoff with jitter ({@link Backoff}); calls made meanwhile fail fast with the last error.
 */
public final class ApiRouterOsClient implements RouterOsClient {
    private static final System.Logger LOG = System.getLogger(ApiRouterOsClient.class.getName());

    private final RouterConfig config;
    private final SSLSocketFactory tls;
    private final ScheduledExecutorService scheduler;
    /** The RouterOS sessions' cap: a router back from a reboot is found within a minute. */
    static final Duration RECONNECT_MAX = Duration.ofSeconds(60);

    private final Backoff backoff = new Backoff(
            Backoff.DEFAULT_MIN,
            RECONNECT_MAX,
            () -> ThreadLocalRandom.current().nextDouble());
    private final Object lock = new Object();
    private CompletableFuture<ApiConnection> session;
    private boolean closed;

    public ApiRouterOsClient(RouterConfig config) {
        this(config, r -> new Thread(r));
    }

    /**
     * @param threads makes the client's threads; sockets are opened on them (e.g. threads inside a network namespace)
     */
    public ApiRouterOsClient(RouterConfig config, java.util.concurrent.ThreadFactory threads) {
        this.config = config;
        this.tls = config.transport() == RouterConfig.Transport.API_SSL || config.tls() != null
                ? TlsContexts.forRouter(config.tls() == null ? new TlsSettings(null, null) : config.tls())
                        .getSocketFactory()
                : null;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = threads.newThread(r);
            t.setName("routeros-" + config.name());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    @Override
    public String router() {
        return config.name();
    }

    @Override
    public CompletionStage<Reply> call(Command command) {
        return call(command, config.timeout());
    }

    @Override
    public CompletionStage<Reply> call(Command command, Duration timeout) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        AtomicReference<PendingCall> sent = new AtomicReference<>();
        AtomicReference<ApiConnection> via = new AtomicReference<>();
        var timer = scheduler.schedule(
                () -> {
                    PendingCall call = sent.get();
                    if (result.completeExceptionally(new RouterOsException(
                                    RouterOsException.Kind.TIMEOUT,
                                    command.path() + " on " + config.name() + " did not finish within "
                                            + timeout.toMillis() + " ms"
                                            + (call == null ? "" : "; cancelled on the router")))
                            && call != null) {
                        via.get().cancel(call);
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        session().whenComplete((connection, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            if (result.isDone()) {
                return;
            }
            via.set(connection);
            PendingCall call = connection.send(command);
            sent.set(call);
            call.future.whenComplete((reply, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(reply);
                }
            });
            if (result.isDone() && !call.future.isDone()) {
                connection.cancel(call);
            }
        });
        result.whenComplete((r, e) -> timer.cancel(false));
        return result;
    }

    /** Whether a session is up right now (for status and tests). */
    public boolean isConnected() {
        synchronized (lock) {
            return session != null
                    && session.isDone()
                    && !session.isCompletedExceptionally()
                    && session.join().isOpen();
        }
    }

    private CompletableFuture<ApiConnection> session() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new RouterOsException(
                        RouterOsException.Kind.CLOSED, "client for " + config.name() + " is closed"));
            }
            if (session == null) {
                session = new CompletableFuture<>();
                CompletableFuture<ApiConnection> target = session;
                scheduler.execute(() -> connect(target));
            }
            return session;
        }
    }

    private void connect(CompletableFuture<ApiConnection> target) {
        ApiConnection connection = null;
        try {
            connection = ApiConnection.open(
                    config.host(),
                    config.port(),
                    tls,
                    config.tls() != null && config.tls().caFile() != null,
                    config.timeout());
            login(connection);
            backoff.reset();
            ApiConnection up = connection;
            up.closedFuture().thenAccept(reason -> onDrop(target, reason));
            target.complete(up);
        } catch (RouterOsException e) {
            if (connection != null) {
                connection.close();
            }
            target.completeExceptionally(e);
            scheduleReconnect(target, e);
        }
    }

    private void login(ApiConnection connection) {
        Reply first = await(connection, ApiLogin.plain(config.username(), config.password()));
        String challenge = first.done().get("ret");
        if (challenge != null) {
            await(connection, ApiLogin.challengeResponse(config.username(), config.password(), challenge));
        }
    }

    private Reply await(ApiConnection connection, Command login) {
        PendingCall call = connection.send(login);
        try {
            return call.future.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RouterOsException(
                    RouterOsException.Kind.TIMEOUT,
                    "login to " + config.name() + " got no answer within "
                            + config.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterOsException(RouterOsException.Kind.CLOSED, "login to " + config.name() + " interrupted");
        } catch (ExecutionException e) {
            RouterOsException cause = unwrap(e.getCause());
            if (cause.kind() == RouterOsException.Kind.TRAP) {
                String reason = cause.traps().isEmpty()
                        ? cause.getMessage()
                        : cause.traps().get(0).message();
                throw new RouterOsException(
                        RouterOsException.Kind.LOGIN,
                        "login to " + config.name() + " as '" + config.username() + "' refused: " + reason,
                        cause.traps(),
                        null);
            }
            throw cause;
        }
    }

    private void onDrop(CompletableFuture<ApiConnection> dropped, RouterOsException reason) {
        if (reason.kind() == RouterOsException.Kind.CLOSED) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: session lost: {1}", config.name(), reason.getMessage());
        synchronized (lock) {
            if (session == dropped && !closed) {
                session = CompletableFuture.failedFuture(reason);
                scheduleReconnect(session, reason);
            }
        }
    }

    private void scheduleReconnect(CompletableFuture<ApiConnection> failed, RouterOsException reason) {
        Duration delay;
        synchronized (lock) {
            if (closed) {
                return;
            }
            delay = backoff.next();
        }
        LOG.log(
                System.Logger.Level.INFO,
                "{0}: next connection attempt in {1} ms ({2})",
                config.name(),
                delay.toMillis(),
                reason.getMessage());
        scheduler.schedule(
                () -> {
                    synchronized (lock) {
                        if (session == failed && !closed) {
                            session = null;
                        }
                    }
                    session();
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static RouterOsException unwrap(Throwable error) {
        Throwable t = error;
        while (!(t instanceof RouterOsException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RouterOsException r
                ? r
                : new RouterOsException(RouterOsException.Kind.CONNECTION, String.valueOf(error.getMessage()), error);
    }

    @Override
    public void close() {
        CompletableFuture<ApiConnection> current;
        synchronized (lock) {
            closed = true;
            current = session;
        }
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            current.join().close();
        } else if (current != null) {
            current.thenAccept(ApiConnection::close);
        }
        scheduler.shutdownNow();
    }

    @Override
    public String toString() {
        return "ApiRouterOsClient[" + config.name() + " " + config.host() + ":" + config.port() + "]";
    }
}
