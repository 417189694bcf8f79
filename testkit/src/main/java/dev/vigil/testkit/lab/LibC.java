package dev.vigil.testkit.lab;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls Java does not offer: entering a network namespace and sending arbitrary signals. */
interface LibC extends Library {
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;
    int SIGHUP = 1;
    int SIGKILL = 9;
    int SIGTERM = 15;
    int SIGSTOP = 19;

    LibC INSTANCE = Native.load("c", LibC.class);

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int mkfifo(String path, int mode) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;

    /** Sends a signal; a process that is already gone (ESRCH) is what the caller wanted anyway. */
    static void signal(long pid, int signal) {
        try {
            INSTANCE.kill((int) pid, signal);
        } catch (LastErrorException e) {
            // already gone
        }
    }
}
