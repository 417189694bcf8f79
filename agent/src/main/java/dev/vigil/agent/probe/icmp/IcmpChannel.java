package dev.vigil.agent.probe.icmp;

import com.sun.jna.LastErrorException;
import dev.vigil.agent.probe.ProbeResult;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * ICMP echo for one WAN binding (interface and/or source address) and one address family: one socket shared by all
 * of the WAN's targets, replies matched to requests by sequence number, replies from another host than the target
 * ignored (and named in the timeout's reason). The socket is opened lazily on the caller's thread, so it lives in the
 * caller's network namespace, and reopened when the interface disappears, comes back or the send fails in a way that
 * a new socket may cure.
 */
public final class IcmpChannel implements AutoCloseable {
    private static final long IFINDEX_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Pending(InetAddress target, long sentNanos, CompletableFuture<ProbeResult> result, String[] stray) {}

    private final boolean v6;
    private final String device;
    private final InetAddress source;
    private final ThreadFactory threads;
    private final ScheduledExecutorService timer;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private IcmpSocket socket;
    private int socketIfIndex;
    private long lastIfCheck;
    private int nextSequence;
    private boolean closed;

    public IcmpChannel(
            boolean v6, String device, InetAddress source, ThreadFactory threads, ScheduledExecutorService timer) {
        this.v6 = v6;
        this.device = device;
        this.source = source;
        this.threads = threads;
        this.timer = timer;
    }

    public static boolean isV6(InetAddress address) {
        return address instanceof Inet6Address;
    }

    public CompletableFuture<ProbeResult> echo(InetAddress target, Duration timeout) {
        return echo(target, timeout, timeout);
    }

    /** Waits {@code wait} for the reply; the failure names {@code timeout} (the probe's, of which wait is what is left). */
    public CompletableFuture<ProbeResult> echo(InetAddress target, Duration wait, Duration timeout) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        int sequence;
        IcmpSocket current;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(ProbeResult.failure("probe closed"));
            }
            try {
                current = socket();
            } catch (IcmpUnavailableException e) {
                return CompletableFuture.completedFuture(ProbeResult.failure(e.getMessage()));
            }
            sequence = allocateSequence();
            pending.put(sequence, new Pending(target, System.nanoTime(), result, new String[1]));
            try {
                current.send(target, sequence);
            } catch (LastErrorException e) {
                pending.remove(sequence);
                if (e.getErrorCode() == LibC.ENODEV
                        || e.getErrorCode() == LibC.ENXIO
                        || e.getErrorCode() == LibC.EADDRNOTAVAIL
                        || e.getErrorCode() == LibC.EINVAL) {
                    dropSocket();
                }
                return CompletableFuture.completedFuture(ProbeResult.failure("send failed: " + IcmpSocket.describe(e)));
            }
        }
        timer.schedule(() -> expire(sequence, timeout), wait.toNanos(), TimeUnit.NANOSECONDS);
        return result;
    }

    /** Whether the open socket is a raw one (the CAP_NET_RAW fallback); false before the first probe. */
    public synchronized boolean raw() {
        return socket != null && socket.raw();
    }

    private IcmpSocket socket() throws IcmpUnavailableException {
        if (device != null && System.nanoTime() - lastIfCheck > IFINDEX_CHECK_NANOS) {
            lastIfCheck = System.nanoTime();
            int index = LibC.INSTANCE.if_nametoindex(device);
            if (index == 0) {
                dropSocket();
                lastIfCheck = 0;
                throw new IcmpUnavailableException("interface " + device + " is gone");
            }
            if (socket != null && index != socketIfIndex) {
                dropSocket();
            }
            socketIfIndex = index;
        }
        if (socket == null) {
            socket = IcmpSocket.open(v6, device, source, threads, this::onReply, this::onError);
        }
        return socket;
    }

    private int allocateSequence() {
        for (int i = 0; i < 0x10000; i++) {
            int candidate = nextSequence;
            nextSequence = (nextSequence + 1) & 0xFFFF;
            if (!pending.containsKey(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("65536 echo requests outstanding");
    }

    private void onReply(int sequence, InetAddress from) {
        Pending p = pending.get(sequence);
        if (p == null) {
            return;
        }
        if (!SockAddr.sameAddress(p.target(), from)) {
            p.stray()[0] = from == null ? "an unknown sender" : from.getHostAddress();
            return;
        }
        if (pending.remove(sequence, p)) {
            Duration rtt = Duration.ofNanos(System.nanoTime() - p.sentNanos());
            p.result().complete(ProbeResult.success(rtt, from.getHostAddress()));
        }
    }

    private void onError(IcmpError error) {
        Pending p = pending.get(error.sequence());
        if (p != null && pending.remove(error.sequence(), p)) {
            p.result().complete(ProbeResult.failure(error.reason()));
        }
    }

    private void expire(int sequence, Duration timeout) {
        Pending p = pending.get(sequence);
        if (p != null && pending.remove(sequence, p)) {
            String stray = p.stray()[0];
            p.result()
                    .complete(ProbeResult.failure("no reply within " + timeout.toMillis() + " ms"
                            + (stray == null
                                    ? ""
                                    : " (a reply with this sequence came from " + stray + ", not the target)")));
        }
    }

    private void dropSocket() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        dropSocket();
        pending.values().forEach(p -> p.result().complete(ProbeResult.failure("probe closed")));
        pending.clear();
    }
}
