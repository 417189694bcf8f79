package dev.vigil.agent.vrrp.capture;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The few libpcap calls a live capture needs, bound with JNA. */
interface LibPcap extends Library {
    int ERRBUF_SIZE = 256;
    int NETMASK_UNKNOWN = 0xffffffff;
    /** struct bpf_program: u_int bf_len, then a pointer; 16 bytes on 64-bit, 8 on 32-bit. */
    int BPF_PROGRAM_SIZE = 2 * Native.POINTER_SIZE;

    static LibPcap load() {
        return Native.load("pcap", LibPcap.class);
    }

    Pointer pcap_create(String device, byte[] errbuf);

    int pcap_set_snaplen(Pointer p, int snaplen);

    int pcap_set_promisc(Pointer p, int promisc);

    int pcap_set_timeout(Pointer p, int millis);

    int pcap_set_immediate_mode(Pointer p, int immediate);

    int pcap_set_buffer_size(Pointer p, int bytes);

    int pcap_activate(Pointer p);

    int pcap_compile(Pointer p, Pointer program, String filter, int optimize, int netmask);

    int pcap_setfilter(Pointer p, Pointer program);

    void pcap_freecode(Pointer program);

    int pcap_datalink(Pointer p);

    int pcap_get_selectable_fd(Pointer p);

    int pcap_setnonblock(Pointer p, int nonblock, byte[] errbuf);

    /** 1 with a packet, 0 when none is waiting (non-blocking), negative on error. */
    int pcap_next_ex(Pointer p, PointerByReference header, PointerByReference data);

    String pcap_geterr(Pointer p);

    String pcap_statustostr(int status);

    void pcap_close(Pointer p);
}
