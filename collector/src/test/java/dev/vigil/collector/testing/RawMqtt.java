package dev.vigil.collector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Hand-made MQTT bytes and raw-socket helpers for clients that misbehave on purpose. */
public final class RawMqtt {
    private RawMqtt() {}

    /** A valid MQTT 3.1.1 CONNECT with a clean session, keep-alive 60 s and no credentials. */
    public static byte[] connectPacket(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] variable = {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c};
        int remaining = variable.length + 2 + id.length;
        if (remaining > 127) {
            throw new IllegalArgumentException("client id too long for a one-byte remaining length");
        }
        byte[] packet = new byte[2 + remaining];
        packet[0] = 0x10;
        packet[1] = (byte) remaining;
        System.arraycopy(variable, 0, packet, 2, variable.length);
        packet[2 + variable.length] = (byte) (id.length >> 8);
        packet[3 + variable.length] = (byte) id.length;
        System.arraycopy(id, 0, packet, 4 + variable.length, id.length);
        return packet;
    }

    /**
     * True when the peer closed (end of stream or reset); false when nothing arrived within the socket's read timeout.
     * Anything the peer sent before closing is skipped.
     */
    public static boolean closedByPeer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    /** Writes one byte, false when the peer has gone. */
    public static boolean write(OutputStream out, int b) {
        try {
            out.write(b);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
