package dev.vigil.agent.vrrp.pcap;

import java.io.IOException;

/** A capture file that is not pcap/pcapng or is damaged; the message names the file and the byte offset. */
public final class CaptureFileException extends IOException {
    public CaptureFileException(String message) {
        super(message);
    }
}
