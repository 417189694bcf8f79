package dev.vigil.agent.probe.net;

import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.WanProbe;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A probe written as blocking socket code, run on a thread of the caller's executor (so its sockets open in that
 * thread's network namespace) and cut off at the timeout: the result is a timeout failure then, and the attempt's
 * sockets are closed to free the thread.
 */
abstract class BlockingProbe implements WanProbe {
    private final Executor blocking;
    private final ScheduledExecutorService timer;

    /** One run: its deadline and what must be closed when it is over. */
    static final class Attempt {
        private final long deadlineNanos;
        private final List<Closeable> resources = new ArrayList<>();
        private boolean over;

        Attempt(Duration timeout) {
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        }

        /** Milliseconds left, at least 1 (0 would mean "no timeout" to java.net). */
        int millisLeft() throws SocketTimeoutException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            return (int) Math.min(Integer.MAX_VALUE, left);
        }

        synchronized <T extends Closeable> T closeLater(T resource) throws IOException {
            if (over) {
                resource.close();
                throw new SocketTimeoutException("deadline passed");
            }
            resources.add(resource);
            return resource;
        }

        synchronized void closeAll() {
            over = true;
            for (Closeable c : resources) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing to unblock; nothing to report
                }
            }
        }
    }

    BlockingProbe(Executor blocking, ScheduledExecutorService timer) {
        this.blocking = blocking;
        this.timer = timer;
    }

    /** Runs the probe; returns its result, or throws, which makes a failure with the exception's meaning. */
    abstract ProbeResult run(Attempt attempt) throws Exception;

    @Override
    public final CompletionStage<ProbeResult> probe(Duration timeout) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        Attempt attempt = new Attempt(timeout);
        try {
            blocking.execute(() -> {
                try {
                    result.complete(run(attempt));
                } catch (Exception e) {
                    result.complete(ProbeResult.failure(describe(e, timeout)));
                } finally {
                    attempt.closeAll();
                }
            });
        } catch (RejectedExecutionException e) {
            return ProbeResult.failedStage("probe closed");
        }
        timer.schedule(
                () -> {
                    if (result.complete(ProbeResult.failure("no answer within " + timeout.toMillis() + " ms"))) {
                        attempt.closeAll();
                    }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        return result;
    }

    /** Binds to where the WAN says (an ephemeral port when {@code local} is null). */
    static void bind(Socket socket, InetSocketAddress local) throws IOException {
        if (local != null) {
            try {
                socket.bind(local);
            } catch (BindException e) {
                throw notHere(local, e);
            }
        }
    }

    static void bind(DatagramSocket socket, InetSocketAddress local) throws IOException {
        try {
            socket.bind(local);
        } catch (BindException e) {
            throw notHere(local, e);
        }
    }

    private static BindingUnavailableException notHere(InetSocketAddress local, BindException e) {
        return new BindingUnavailableException("cannot send from "
                + local.getAddress().getHostAddress() + ": " + e.getMessage() + " (not an address of this host?)");
    }

    static String describe(Exception e, Duration timeout) {
        if (e instanceof BindingUnavailableException) {
            return e.getMessage();
        } else if (e instanceof SocketTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        } else if (e instanceof UnknownHostException) {
            return "cannot resolve '" + e.getMessage() + "': unknown host";
        } else if (e instanceof ConnectException && "Connection refused".equals(e.getMessage())) {
            return "connection refused (a TCP reset, or ICMP port unreachable)";
        } else if (e instanceof NoRouteToHostException) {
            return "host unreachable (ICMP host unreachable or administratively prohibited, or no route here)";
        } else if (e instanceof SocketException && "Network is unreachable".equals(e.getMessage())) {
            return "network unreachable (ICMP net unreachable from a router, or no route here)";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
