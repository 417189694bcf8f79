package dev.vigil.agent.vrrp.capture;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** poll(2), to wait for the capture descriptor with a timeout; sched_setscheduler(2) for the capture thread. */
interface LibC extends Library {
    short POLLIN = 0x1;
    /** struct pollfd: int fd, short events, short revents. */
    int POLLFD_SIZE = 8;

    int SCHED_FIFO = 1;

    static LibC load() {
        return Native.load("c", LibC.class);
    }

    int poll(Pointer fds, NativeLong nfds, int timeoutMillis);

    /** pid 0 is the calling thread; param points to struct sched_param (one int, the priority). */
    int sched_setscheduler(int pid, int policy, Pointer param);
}
