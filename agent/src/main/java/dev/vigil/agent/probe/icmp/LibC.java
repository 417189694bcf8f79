package dev.vigil.agent.probe.icmp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;

/** The few libc socket calls ICMP needs. Constants are Linux's (identical on x86-64, arm64 and armv7). */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int IPPROTO_ICMP = 1;
    int IPPROTO_ICMPV6 = 58;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int SO_BINDTODEVICE = 25;

    int EPERM = 1;
    int EINTR = 4;
    int ENXIO = 6;
    int EAGAIN = 11;
    int EACCES = 13;
    int ENODEV = 19;
    int EINVAL = 22;
    int EADDRNOTAVAIL = 99;
    int MSG_DONTWAIT = 0x40;
    int MSG_ERRQUEUE = 0x2000;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    NativeLong recvfrom(
            int fd, byte[] buffer, NativeLong length, int flags, byte[] address, IntByReference addressLength)
            throws LastErrorException;

    NativeLong recvmsg(int fd, MsgHdr message, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int if_nametoindex(String name);

    String strerror(int errno);
}
