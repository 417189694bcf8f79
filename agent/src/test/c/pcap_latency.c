/*
 * Same-run baseline for DetectionLatencyBench: libpcap from C, opened like Pcap4jSource (immediate mode, snaplen 512,
 * 256 KiB ring, promiscuous, the same filter), no JVM in the path. For every frame it prints one line:
 *   <capture ts us> <delivery us> <asleep us> <IPv4 source or ->
 * delivery = CLOCK_REALTIME when pcap_next_ex returned minus the kernel capture timestamp; asleep = how long the
 * reading thread sat in pcap_next_ex before this frame (a long sleep means an idle vCPU had to be woken).
 * Prints "ready" once the filter is set. Exits on SIGTERM/SIGINT.
 *   cc -O2 -o pcap_latency pcap_latency.c -lpcap && pcap_latency IFACE 'FILTER'
 */
#include <pcap/pcap.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pcap_t *handle;

static void stop(int sig) {
    (void)sig;
    pcap_breakloop(handle);
}

static int64_t now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static void source(const u_char *data, bpf_u_int32 len, char *out, size_t size) {
    size_t ip = 14;
    uint16_t type = len >= 14 ? (uint16_t)(data[12] << 8 | data[13]) : 0;
    if (type == 0x8100 && len >= 18) {
        type = (uint16_t)(data[16] << 8 | data[17]);
        ip = 18;
    }
    if (type == 0x0800 && len >= ip + 20) {
        snprintf(out, size, "%u.%u.%u.%u", data[ip + 12], data[ip + 13], data[ip + 14], data[ip + 15]);
    } else {
        snprintf(out, size, "-");
    }
}

int main(int argc, char **argv) {
    char err[PCAP_ERRBUF_SIZE];
    struct bpf_program program;
    struct pcap_pkthdr *header;
    const u_char *data;
    char src[32];
    if (argc != 3) {
        fprintf(stderr, "usage: %s IFACE FILTER\n", argv[0]);
        return 2;
    }
    handle = pcap_create(argv[1], err);
    if (handle == NULL) {
        fprintf(stderr, "pcap_create: %s\n", err);
        return 1;
    }
    pcap_set_snaplen(handle, 512);
    pcap_set_promisc(handle, 1);
    pcap_set_timeout(handle, 100);
    pcap_set_immediate_mode(handle, 1);
    pcap_set_buffer_size(handle, 256 * 1024);
    if (pcap_activate(handle) < 0 || pcap_compile(handle, &program, argv[2], 1, PCAP_NETMASK_UNKNOWN) < 0
            || pcap_setfilter(handle, &program) < 0) {
        fprintf(stderr, "%s: %s\n", argv[1], pcap_geterr(handle));
        return 1;
    }
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("ready\n");
    for (;;) {
        int64_t asleep_from = now_us();
        int rc = pcap_next_ex(handle, &header, &data);
        int64_t now = now_us();
        if (rc == 1) {
            int64_t ts = (int64_t)header->ts.tv_sec * 1000000 + header->ts.tv_usec;
            source(data, header->caplen, src, sizeof src);
            printf("%lld %lld %lld %s\n", (long long)ts, (long long)(now - ts), (long long)(now - asleep_from), src);
        } else if (rc < 0) {
            break;
        }
    }
    pcap_close(handle);
    return 0;
}
