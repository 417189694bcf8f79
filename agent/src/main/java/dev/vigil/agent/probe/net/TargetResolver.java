package dev.vigil.agent.probe.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A probe target written as an address or a host name. Literal addresses resolve at once; names are looked up on a
 * blocking thread, bounded by the probe's timeout, and cached for {@link #CACHE_FOR}, so a slow or dead resolver makes
 * a failed probe with a reason, never a stuck one.
 */
public final class TargetResolver {
    public static final Duration CACHE_FOR = Duration.ofMinutes(5);

    /** The address, or the reason there is none. */
    public record Resolved(InetAddress address, String error) {}

    private final String name;
    private final InetAddress literal;
    private final Executor blocking;
    private final ScheduledExecutorService timer;
    private volatile Resolved cached;
    private volatile long cachedAt;

    public TargetResolver(String name, Executor blocking, ScheduledExecutorService timer) {
        this.name = name;
        this.literal = Addresses.literal(name);
        this.blocking = blocking;
        this.timer = timer;
    }

    public String name() {
        return name;
    }

    public CompletableFuture<Resolved> resolve(Duration timeout) {
        if (literal != null) {
            return CompletableFuture.completedFuture(new Resolved(literal, null));
        }
        Resolved hit = cached;
        if (hit != null && System.nanoTime() - cachedAt < CACHE_FOR.toNanos()) {
            return CompletableFuture.completedFuture(hit);
        }
        CompletableFuture<Resolved> result = new CompletableFuture<>();
        blocking.execute(() -> result.complete(lookUp()));
        timer.schedule(
                () -> result.complete(new Resolved(
                        null, "cannot resolve '" + name + "': no answer within " + timeout.toMillis() + " ms")),
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        return result;
    }

    private Resolved lookUp() {
        try {
            Resolved resolved = new Resolved(InetAddress.getByName(name), null);
            cached = resolved;
            cachedAt = System.nanoTime();
            return resolved;
        } catch (UnknownHostException e) {
            return new Resolved(null, "cannot resolve '" + name + "': unknown host");
        } catch (RuntimeException e) {
            return new Resolved(null, "cannot resolve '" + name + "': " + e.getMessage());
        }
    }
}
