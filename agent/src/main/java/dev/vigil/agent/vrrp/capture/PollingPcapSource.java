package dev.vigil.agent.vrrp.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vigil.agent.vrrp.pcap.CapturedFrame;
import java.time.Clock;
import java.time.Instant;

/**
 * Live capture through libpcap, called with JNA: immediate mode so that adverts are delivered as they arrive,
 * promiscuous so that real NICs pass the multicast group. One thread waits in poll(2) on the capture descriptor with a
 * 100 ms timeout and then drains libpcap without blocking: a frame is read the moment the kernel wakes the thread,
 * silence is judged on an idle wire, and close() takes effect within one timeout. No second thread, no pcap_breakloop.
 */
final class PollingPcapSource implements PacketSource {
    private static final int SNAPLEN = 512;
    private static final int POLL_MILLIS = 100;
    /**
     * The kernel ring (libpcap's default is 2 MB, all of it counted in the agent's RSS once touched). Only VRRP passes
     * the filter, so 256 KiB holds hundreds of adverts of 512 bytes: seconds of backlog even for many groups.
     */
    private static final int RING_BYTES = 256 * 1024;
    /**
     * Lowest real-time priority: enough to run before every ordinary task the moment a frame wakes the thread. The
     * thread only ever blocks in poll(2) or handles a frame, and the kernel's real-time throttling still leaves other
     * tasks 5 % of each second under a flood.
     */
    private static final int REALTIME_PRIORITY = 1;
    /** Frames read per wake-up before silence is judged again. */
    private static final int MAX_BATCH = 64;

    private static final int TS_USEC = NativeLong.SIZE;
    private static final int CAPLEN = 2 * NativeLong.SIZE;
    private static final int LEN = CAPLEN + 4;

    private final String iface;
    private final Clock clock;
    private final LibPcap pcap;
    private final LibC libc;
    private final Pointer handle;
    private final int linkType;
    private final int fd;
    private volatile boolean closed;
    private volatile boolean realtime;

    private PollingPcapSource(String iface, Clock clock, LibPcap pcap, LibC libc, Pointer handle) {
        this.iface = iface;
        this.clock = clock;
        this.pcap = pcap;
        this.libc = libc;
        this.handle = handle;
        this.linkType = pcap.pcap_datalink(handle);
        this.fd = pcap.pcap_get_selectable_fd(handle);
    }

    static PollingPcapSource open(String iface, Clock clock) throws CaptureException {
        LibPcap pcap;
        LibC libc;
        try {
            pcap = LibPcap.load();
            libc = LibC.load();
        } catch (LinkageError e) {
            throw CaptureErrors.libpcapMissing(e.getMessage(), e);
        }
        byte[] err = new byte[LibPcap.ERRBUF_SIZE];
        Pointer handle = pcap.pcap_create(iface, err);
        if (handle == null) {
            throw CaptureErrors.explain(iface, Native.toString(err), null);
        }
        pcap.pcap_set_snaplen(handle, SNAPLEN);
        pcap.pcap_set_promisc(handle, 1);
        pcap.pcap_set_timeout(handle, POLL_MILLIS);
        pcap.pcap_set_immediate_mode(handle, 1);
        pcap.pcap_set_buffer_size(handle, RING_BYTES);
        int activated = pcap.pcap_activate(handle);
        if (activated < 0) {
            String status = pcap.pcap_statustostr(activated);
            String detail = pcap.pcap_geterr(handle);
            String message =
                    detail == null || detail.isBlank() || detail.equals(status) ? status : status + ": " + detail;
            pcap.pcap_close(handle);
            throw CaptureErrors.explain(iface, message, null);
        }
        try {
            setFilter(pcap, handle, iface);
            if (pcap.pcap_setnonblock(handle, 1, err) < 0) {
                throw new CaptureException(iface + ": cannot make the capture non-blocking: " + Native.toString(err));
            }
            if (pcap.pcap_get_selectable_fd(handle) < 0) {
                throw new CaptureException(iface + ": libpcap offers no descriptor to wait on");
            }
        } catch (CaptureException e) {
            pcap.pcap_close(handle);
            throw e;
        }
        return new PollingPcapSource(iface, clock, pcap, libc, handle);
    }

    private static void setFilter(LibPcap pcap, Pointer handle, String iface) throws CaptureException {
        Memory program = new Memory(LibPcap.BPF_PROGRAM_SIZE);
        program.clear();
        if (pcap.pcap_compile(handle, program, FILTER, 1, LibPcap.NETMASK_UNKNOWN) < 0) {
            throw new CaptureException(iface + ": cannot compile the capture filter: " + pcap.pcap_geterr(handle));
        }
        try {
            if (pcap.pcap_setfilter(handle, program) < 0) {
                throw new CaptureException(iface + ": cannot set the capture filter: " + pcap.pcap_geterr(handle));
            }
        } finally {
            pcap.pcap_freecode(program);
        }
    }

    @Override
    public String name() {
        return iface;
    }

    @Override
    public void run(FrameHandler handler) throws CaptureException {
        Memory pollfd = new Memory(LibC.POLLFD_SIZE);
        NativeLong one = new NativeLong(1);
        PointerByReference header = new PointerByReference();
        PointerByReference data = new PointerByReference();
        realtime = raisePriority();
        try {
            while (!closed) {
                pollfd.setInt(0, fd);
                pollfd.setShort(4, LibC.POLLIN);
                pollfd.setShort(6, (short) 0);
                if (libc.poll(pollfd, one, POLL_MILLIS) > 0) {
                    drain(handler, header, data);
                }
                handler.idle(clock.instant());
            }
        } finally {
            pcap.pcap_close(handle);
        }
    }

    /**
     * SCHED_FIFO for the capture thread when the process may (root, CAP_SYS_NICE or a LimitRTPRIO): on a busy or
     * non-preemptive kernel an ordinary thread can wait several scheduler ticks after the kernel woke it for a frame.
     * Without the permission the thread simply stays an ordinary one.
     */
    private boolean raisePriority() {
        Memory param = new Memory(4);
        param.setInt(0, REALTIME_PRIORITY);
        try {
            return libc.sched_setscheduler(0, LibC.SCHED_FIFO, param) == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** Whether the capture thread runs at real-time priority (known once {@link #run} has started). */
    boolean realtime() {
        return realtime;
    }

    private void drain(FrameHandler handler, PointerByReference header, PointerByReference data)
            throws CaptureException {
        for (int i = 0; i < MAX_BATCH && !closed; i++) {
            int rc = pcap.pcap_next_ex(handle, header, data);
            if (rc == 0) {
                return;
            }
            if (rc < 0) {
                throw new CaptureException(iface + ": capture failed: " + pcap.pcap_geterr(handle));
            }
            Pointer h = header.getValue();
            Instant time = Instant.ofEpochSecond(
                    h.getNativeLong(0).longValue(), h.getNativeLong(TS_USEC).longValue() * 1000);
            int caplen = h.getInt(CAPLEN);
            byte[] bytes = data.getValue().getByteArray(0, caplen);
            handler.frame(new CapturedFrame(time, linkType, bytes, h.getInt(LEN)));
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
