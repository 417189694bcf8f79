package dev.vigil.agent.probe.icmp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One native ICMP socket (a Linux ping socket, or a raw socket as the fallback) with one receive thread. Replies are
 * handed to a callback with their sequence number and sender; on ping sockets the kernel owns the identifier, so only
 * the sequence matters, on raw sockets the identifier is ours and filters out other programs' replies.
 */
final class IcmpSocket implements AutoCloseable {
    private static final Logger LOG = System.getLogger(IcmpSocket.class.getName());
    private static final Map<Integer, String> ERRNO_NAMES = new ConcurrentHashMap<>();

    /** The request's ICMP header and payload come back with the error; 64 bytes hold ours. */
    private static final int ERROR_DATA_BYTES = 64;
    /** One cmsghdr, sock_extended_err (16) and a sockaddr_in6 (28), with room for alignment. */
    private static final int ERROR_CONTROL_BYTES = 128;

    private final int fd;
    private final boolean v6;
    private final boolean raw;
    private final int identifier;
    private final BiConsumer<Integer, InetAddress> onReply;
    private final Consumer<IcmpError> onError;
    private volatile boolean closed;

    private IcmpSocket(
            int fd, boolean v6, boolean raw, BiConsumer<Integer, InetAddress> onReply, Consumer<IcmpError> onError) {
        this.fd = fd;
        this.v6 = v6;
        this.raw = raw;
        this.identifier = ThreadLocalRandom.current().nextInt(1, 0xFFFF);
        this.onReply = onReply;
        this.onError = onError;
    }

    /** Opens a ping socket, or a raw socket when ping sockets are refused; binds it; starts its receive thread. */
    static IcmpSocket open(
            boolean v6,
            String device,
            InetAddress source,
            ThreadFactory threads,
            BiConsumer<Integer, InetAddress> onReply,
            Consumer<IcmpError> onError)
            throws IcmpUnavailableException {
        int domain = v6 ? LibC.AF_INET6 : LibC.AF_INET;
        int protocol = v6 ? LibC.IPPROTO_ICMPV6 : LibC.IPPROTO_ICMP;
        int fd;
        boolean raw = false;
        try {
            fd = LibC.INSTANCE.socket(domain, LibC.SOCK_DGRAM, protocol);
        } catch (LastErrorException pingRefused) {
            if (pingRefused.getErrorCode() != LibC.EACCES && pingRefused.getErrorCode() != LibC.EPERM) {
                throw new IcmpUnavailableException("cannot open an ICMP socket: " + describe(pingRefused));
            }
            try {
                fd = LibC.INSTANCE.socket(domain, LibC.SOCK_RAW, protocol);
                raw = true;
            } catch (LastErrorException rawRefused) {
                throw new IcmpUnavailableException(PingPermission.refusedMessage(describe(rawRefused)));
            }
        }
        IcmpSocket socket = new IcmpSocket(fd, v6, raw, onReply, onError);
        try {
            socket.configure(device, source);
        } catch (IcmpUnavailableException e) {
            LibC.INSTANCE.close(fd);
            throw e;
        }
        Thread receiver = threads.newThread(socket::receiveLoop);
        receiver.setName("vigil-icmp-" + (v6 ? "v6" : "v4") + (device == null ? "" : "-" + device));
        receiver.setDaemon(true);
        receiver.start();
        return socket;
    }

    private void configure(String device, InetAddress source) throws IcmpUnavailableException {
        byte[] timeout = ByteBuffer.allocate(2 * Native.LONG_SIZE)
                .order(ByteOrder.nativeOrder())
                .array();
        ByteBuffer tv = ByteBuffer.wrap(timeout).order(ByteOrder.nativeOrder());
        if (Native.LONG_SIZE == 8) {
            tv.putLong(0).putLong(200_000);
        } else {
            tv.putInt(0).putInt(200_000);
        }
        try {
            LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeout, timeout.length);
        } catch (LastErrorException e) {
            throw new IcmpUnavailableException("cannot set a receive timeout: " + describe(e));
        }
        byte[] on =
                ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1).array();
        try {
            // ICMP errors about our requests (unreachable, time exceeded) go to the error queue, with type, code and
            // sender, instead of being dropped (ping sockets) or mixed with the replies (raw sockets)
            LibC.INSTANCE.setsockopt(
                    fd,
                    v6 ? IcmpError.SOL_IPV6 : IcmpError.SOL_IP,
                    v6 ? IcmpError.IPV6_RECVERR : IcmpError.IP_RECVERR,
                    on,
                    on.length);
        } catch (LastErrorException e) {
            throw new IcmpUnavailableException("cannot ask for ICMP errors (IP_RECVERR): " + describe(e));
        }
        if (device != null) {
            byte[] name = (device + "\0").getBytes(StandardCharsets.US_ASCII);
            try {
                LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, name, name.length);
            } catch (LastErrorException e) {
                throw new IcmpUnavailableException(
                        e.getErrorCode() == LibC.ENODEV
                                ? "interface " + device + " does not exist"
                                : "cannot bind to interface " + device + ": " + describe(e));
            }
        }
        if (source != null) {
            byte[] address = SockAddr.of(source);
            try {
                LibC.INSTANCE.bind(fd, address, address.length);
            } catch (LastErrorException e) {
                throw new IcmpUnavailableException(
                        e.getErrorCode() == LibC.EADDRNOTAVAIL
                                ? "source address " + source.getHostAddress() + " is not on this host"
                                : "cannot bind to " + source.getHostAddress() + ": " + describe(e));
            }
        }
    }

    boolean raw() {
        return raw;
    }

    /** Sends one echo request; throws with the errno on failure. */
    void send(InetAddress target, int sequence) throws LastErrorException {
        byte[] packet = IcmpEcho.request(v6, identifier, sequence);
        byte[] address = SockAddr.of(target);
        LibC.INSTANCE.sendto(fd, packet, new NativeLong(packet.length), 0, address, address.length);
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        byte[] from = new byte[SockAddr.MAX_LENGTH];
        IntByReference fromLength = new IntByReference();
        MsgHdr errors = new MsgHdr(ERROR_DATA_BYTES, ERROR_CONTROL_BYTES);
        try {
            while (!closed) {
                fromLength.setValue(from.length);
                int length;
                try {
                    length = LibC.INSTANCE
                            .recvfrom(fd, buffer, new NativeLong(buffer.length), 0, from, fromLength)
                            .intValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != LibC.EAGAIN && e.getErrorCode() != LibC.EINTR && !closed) {
                        if (!drainErrors(errors)) {
                            LOG.log(Level.WARNING, "ICMP receive failed: {0}", describe(e));
                        }
                    }
                    continue;
                }
                IcmpEcho.Reply reply = IcmpEcho.parseReply(buffer, length, v6, raw && !v6);
                if (reply != null && (!raw || reply.identifier() == identifier)) {
                    onReply.accept(reply.sequence(), SockAddr.parse(from, fromLength.getValue()));
                }
            }
        } finally {
            LibC.INSTANCE.close(fd); // only here, so a reused descriptor number is never read by this loop
        }
    }

    /** Reads every queued ICMP error and hands on those about our requests; false when the queue was empty. */
    private boolean drainErrors(MsgHdr message) {
        boolean any = false;
        while (true) {
            message.reset();
            int length;
            try {
                length = LibC.INSTANCE
                        .recvmsg(fd, message, LibC.MSG_ERRQUEUE | LibC.MSG_DONTWAIT)
                        .intValue();
            } catch (LastErrorException e) {
                return any;
            }
            any = true;
            byte[] control = message.control();
            IcmpError error =
                    IcmpError.parse(control, control.length, Native.SIZE_T_SIZE, message.data(length), length, v6);
            if (error != null && (!raw || error.identifier() == identifier)) {
                onError.accept(error);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    static String describe(LastErrorException e) {
        int errno = e.getErrorCode();
        return ERRNO_NAMES.computeIfAbsent(errno, n -> LibC.INSTANCE.strerror(n)) + " (errno " + errno + ")";
    }
}
