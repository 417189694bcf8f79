package dev.vigil.agent.vrrp.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptureErrorsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "No such device exists | interface eth9 does not exist: pick one listed by `ip -br link`",
                "You don't have permission to perform this capture on that device: socket: Operation not permitted"
                        + " | no permission to capture on eth9 (CAP_NET_RAW missing)",
                "That device is not up | interface eth9 is down: ip link set eth9 up",
                "generic error: something odd | cannot capture on eth9: generic error: something odd"
            })
    void explain_libpcapStatusText_namesTheFix(String libpcap, String expected) {
        assertThat(CaptureErrors.explain("eth9", libpcap, null).getMessage())
                .startsWith(expected)
                .endsWith(libpcap + (expected.startsWith("cannot capture") ? "" : ")"));
    }

    @Test
    void libpcapMissing_multiLineLoaderMessage_oneLineWithThePackage() {
        String jna = "Unable to load library 'pcap':\nlibpcap.so: cannot open shared object file\nNative library"
                + " (linux-x86-64/libpcap.so) not found in resource path (/a.jar:/b.jar)";

        assertThat(CaptureErrors.libpcapMissing(jna, null).getMessage())
                .isEqualTo("cannot load libpcap (Unable to load library 'pcap'): install it with apt-get install"
                        + " libpcap0.8");
    }
}
