package dev.vigil.testkit.lab;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The switch's tagged trunk port toward the agent, in user space: every frame the bridge sends out of its port
 * {@code from} leaves on {@code to} with an 802.1Q tag pushed after the MAC addresses. The kernels the lab runs on may
 * lack 802.1Q devices (CONFIG_VLAN_8021Q) and bridge VLAN filtering, so neither keepalived on {@code lan0.ID} nor a
 * VLAN-aware bridge is available everywhere; packet sockets are. One direction only: the agent sees the tagged LAN,
 * and without an 802.1Q device of its own it could not send on it anyway.
 */
final class VlanTagger implements AutoCloseable {
    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int PACKET_OUTGOING = 4;
    private static final int TPID_8021Q = 0x8100;
    private static final int MAX_FRAME = 65_536;

    interface PacketLibC extends Library {
        PacketLibC INSTANCE = Native.load("c", PacketLibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

        NativeLong recvfrom(int fd, byte[] buffer, NativeLong length, int flags, byte[] from, int[] fromLength)
                throws LastErrorException;

        NativeLong send(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        int if_nametoindex(String name);

        int close(int fd) throws LastErrorException;
    }

    private final int vlan;
    private final int in;
    private final int out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private VlanTagger(int vlan, int in, int out) {
        this.vlan = vlan;
        this.in = in;
        this.out = out;
    }

    /** Opens both packet sockets in the switch namespace and starts the relay thread there. */
    static VlanTagger start(String namespace, String from, String to, int vlan) {
        try {
            int[] fds = NetnsThreads.call(namespace, () -> new int[] {open(from, ETH_P_ALL), open(to, 0)});
            VlanTagger tagger = new VlanTagger(vlan, fds[0], fds[1]);
            Thread relay = new Thread(tagger::relay, "vigil-lab-vlan-" + vlan);
            relay.setDaemon(true);
            relay.start();
            return tagger;
        } catch (LabException e) {
            throw e;
        } catch (Exception e) {
            throw new LabException("cannot start the VLAN " + vlan + " trunk " + from + " -> " + to + ": " + e, e);
        }
    }

    /** A packet socket on {@code iface}; protocol 0 sends only (nothing queues up unread). */
    private static int open(String iface, int ethProtocol) {
        PacketLibC libc = PacketLibC.INSTANCE;
        int index = libc.if_nametoindex(iface);
        if (index == 0) {
            throw new LabException("no interface " + iface + " for the VLAN trunk");
        }
        int networkOrder = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
                ? ethProtocol
                : Short.toUnsignedInt(Short.reverseBytes((short) ethProtocol));
        int fd = libc.socket(AF_PACKET, SOCK_RAW, networkOrder);
        ByteBuffer ll = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        ll.putShort((short) AF_PACKET);
        ll.order(ByteOrder.BIG_ENDIAN).putShort((short) ethProtocol);
        ll.order(ByteOrder.nativeOrder()).putInt(index);
        libc.bind(fd, ll.array(), 20);
        ByteBuffer tv = ByteBuffer.allocate(2 * Native.LONG_SIZE).order(ByteOrder.nativeOrder());
        if (Native.LONG_SIZE == 8) {
            tv.putLong(0).putLong(100_000);
        } else {
            tv.putInt(0).putInt(100_000);
        }
        libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv.array(), tv.capacity());
        return fd;
    }

    /** The frame with a tag (TPID 0x8100, priority 0, this VLAN) inserted after the two MAC addresses. */
    static byte[] tag(byte[] frame, int length, int vlan) {
        byte[] tagged = new byte[length + 4];
        System.arraycopy(frame, 0, tagged, 0, 12);
        tagged[12] = (byte) (TPID_8021Q >> 8);
        tagged[13] = (byte) TPID_8021Q;
        tagged[14] = (byte) (vlan >> 8 & 0x0F);
        tagged[15] = (byte) vlan;
        System.arraycopy(frame, 12, tagged, 16, length - 12);
        return tagged;
    }

    private void relay() {
        PacketLibC libc = PacketLibC.INSTANCE;
        byte[] frame = new byte[MAX_FRAME];
        byte[] from = new byte[20];
        int[] fromLength = new int[1];
        try {
            while (!closed) {
                fromLength[0] = from.length;
                int n;
                try {
                    n = libc.recvfrom(in, frame, new NativeLong(frame.length), 0, from, fromLength)
                            .intValue();
                } catch (LastErrorException timeoutOrInterrupt) {
                    continue;
                }
                if (n < 14 || (from[10] & 0xFF) == PACKET_OUTGOING) {
                    continue;
                }
                byte[] tagged = tag(frame, n, vlan);
                try {
                    libc.send(out, tagged, new NativeLong(tagged.length), 0);
                } catch (LastErrorException dropped) {
                    // a full queue or the agent's port going away: a switch drops the frame too
                }
            }
        } finally {
            libc.close(in);
            libc.close(out);
            stopped.countDown();
        }
    }

    /** Stops the relay within one receive timeout (100 ms) and closes its sockets. */
    @Override
    public void close() {
        closed = true;
        try {
            stopped.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
