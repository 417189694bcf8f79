package dev.vigil.agent.vrrp.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads classic pcap (microsecond and nanosecond, either byte order) and pcapng (section header, interface
 * description with {@code if_tsresol}, enhanced, simple and obsolete packet blocks) in pure Java, so that replay
 * needs no libpcap. Blocks it does not need are skipped.
 */
public final class CaptureFileReader implements Closeable {
    private static final int PCAP_MAGIC = 0xa1b2c3d4;
    private static final int PCAP_MAGIC_NS = 0xa1b23c4d;
    private static final int PCAPNG_SHB = 0x0a0d0d0a;
    private static final int PCAPNG_BYTE_ORDER = 0x1a2b3c4d;
    private static final int MAX_RECORD = 1 << 20;

    private final String name;
    private final InputStream in;
    private final boolean pcapng;
    private ByteOrder order;
    private long nanosPerTick;
    private int linkType;
    private final List<long[]> interfaces = new ArrayList<>(); // {linkType, tsDivisorOrNegativeShift}
    private long offset;

    private CaptureFileReader(String name, InputStream in) throws IOException {
        this.name = name;
        this.in = in;
        byte[] head = readFully(4);
        int magicBe = ByteBuffer.wrap(head).getInt();
        int magicLe = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (magicBe == PCAPNG_SHB) {
            pcapng = true;
            sectionHeader();
        } else if (magicBe == PCAP_MAGIC || magicBe == PCAP_MAGIC_NS) {
            pcapng = false;
            classicHeader(ByteOrder.BIG_ENDIAN, magicBe == PCAP_MAGIC_NS);
        } else if (magicLe == PCAP_MAGIC || magicLe == PCAP_MAGIC_NS) {
            pcapng = false;
            classicHeader(ByteOrder.LITTLE_ENDIAN, magicLe == PCAP_MAGIC_NS);
        } else {
            throw new CaptureFileException(
                    name + ": not a pcap or pcapng file (magic 0x" + Integer.toHexString(magicBe) + ")");
        }
    }

    public static CaptureFileReader open(Path file) throws IOException {
        return new CaptureFileReader(file.toString(), new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    public static CaptureFileReader open(String name, InputStream in) throws IOException {
        return new CaptureFileReader(name, new BufferedInputStream(in, 1 << 16));
    }

    /** The next frame, or null at the end of the file. */
    public CapturedFrame next() throws IOException {
        return pcapng ? nextBlock() : nextRecord();
    }

    private void classicHeader(ByteOrder order, boolean nanos) throws IOException {
        this.order = order;
        this.nanosPerTick = nanos ? 1 : 1000;
        ByteBuffer h = ByteBuffer.wrap(readFully(20)).order(order);
        linkType = h.getInt(16) & 0x0fffffff;
    }

    private CapturedFrame nextRecord() throws IOException {
        byte[] header = readOrEnd(16);
        if (header == null) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        long seconds = h.getInt(0) & 0xffffffffL;
        long fraction = h.getInt(4) & 0xffffffffL;
        int captured = h.getInt(8);
        int wire = h.getInt(12);
        if (captured < 0 || captured > MAX_RECORD) {
            throw damaged("record length " + captured);
        }
        byte[] data = readFully(captured);
        return new CapturedFrame(Instant.ofEpochSecond(seconds, fraction * nanosPerTick), linkType, data, wire);
    }

    private void sectionHeader() throws IOException {
        byte[] lenAndMagic = readFully(8);
        int magic = ByteBuffer.wrap(lenAndMagic, 4, 4).getInt();
        order = magic == PCAPNG_BYTE_ORDER ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(lenAndMagic).order(order);
        if (b.getInt(4) != PCAPNG_BYTE_ORDER) {
            throw damaged("pcapng section header without byte-order magic");
        }
        int total = b.getInt(0);
        if (total < 28 || total > MAX_RECORD) {
            throw damaged("section header length " + total);
        }
        readFully(total - 12);
        interfaces.clear();
    }

    private CapturedFrame nextBlock() throws IOException {
        while (true) {
            byte[] head = readOrEnd(8);
            if (head == null) {
                return null;
            }
            int type = ByteBuffer.wrap(head).order(order).getInt(0);
            if (type == PCAPNG_SHB) {
                byte[] rest = head.clone();
                sectionHeaderAfter(rest);
                continue;
            }
            int total = ByteBuffer.wrap(head).order(order).getInt(4);
            if (total < 12 || total > MAX_RECORD || total % 4 != 0) {
                throw damaged("block length " + total);
            }
            ByteBuffer body = ByteBuffer.wrap(readFully(total - 8)).order(order);
            switch (type) {
                case 1 -> interfaceDescription(body, total - 12);
                case 6 -> {
                    return enhanced(body);
                }
                case 3 -> {
                    return simple(body, total - 12);
                }
                case 2 -> {
                    return obsolete(body);
                }
                default -> {}
            }
        }
    }

    private void sectionHeaderAfter(byte[] head) throws IOException {
        int magic = ByteBuffer.wrap(readFully(4)).getInt();
        order = magic == PCAPNG_BYTE_ORDER ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int total = ByteBuffer.wrap(head).order(order).getInt(4);
        if (total < 28 || total > MAX_RECORD) {
            throw damaged("section header length " + total);
        }
        readFully(total - 12);
        interfaces.clear();
    }

    private void interfaceDescription(ByteBuffer body, int bodyLen) {
        long link = body.getShort(0) & 0xffff;
        long resolution = 1000; // nanoseconds per tick, default microseconds
        int at = 8;
        while (at + 4 <= bodyLen) {
            int code = body.getShort(at) & 0xffff;
            int len = body.getShort(at + 2) & 0xffff;
            if (code == 0) {
                break;
            }
            if (code == 9 && len >= 1 && at + 4 < bodyLen) {
                int v = body.get(at + 4) & 0xff;
                resolution = (v & 0x80) == 0 ? -(v & 0x7f) : -(1000 + (v & 0x7f));
            }
            at += 4 + ((len + 3) & ~3);
        }
        interfaces.add(new long[] {link, resolution});
    }

    private CapturedFrame enhanced(ByteBuffer body) throws IOException {
        long[] iface = iface(body.getInt(0));
        long ticks = ((body.getInt(4) & 0xffffffffL) << 32) | (body.getInt(8) & 0xffffffffL);
        int captured = body.getInt(12);
        if (captured < 0 || 20 + captured > body.capacity() - 4) {
            throw damaged("enhanced packet length " + captured);
        }
        byte[] data = new byte[captured];
        body.get(20, data);
        return new CapturedFrame(time(ticks, iface[1]), (int) iface[0], data, body.getInt(16));
    }

    private CapturedFrame simple(ByteBuffer body, int bodyLen) throws IOException {
        long[] iface = iface(0);
        int wire = body.getInt(0);
        int captured = Math.max(0, Math.min(wire, bodyLen - 4));
        byte[] data = new byte[captured];
        body.get(4, data);
        return new CapturedFrame(Instant.EPOCH, (int) iface[0], data, wire);
    }

    private CapturedFrame obsolete(ByteBuffer body) throws IOException {
        long[] iface = iface(body.getShort(0) & 0xffff);
        long ticks = ((body.getInt(4) & 0xffffffffL) << 32) | (body.getInt(8) & 0xffffffffL);
        int captured = body.getInt(12);
        if (captured < 0 || 20 + captured > body.capacity() - 4) {
            throw damaged("packet length " + captured);
        }
        byte[] data = new byte[captured];
        body.get(20, data);
        return new CapturedFrame(time(ticks, iface[1]), (int) iface[0], data, body.getInt(16));
    }

    private long[] iface(int id) throws IOException {
        if (id < 0 || id >= interfaces.size()) {
            throw damaged("packet for undeclared interface " + id);
        }
        return interfaces.get(id);
    }

    /** {@code resolution}: positive = ns per tick; -d = 10^-d s per tick; -(1000+d) = 2^-d s per tick. */
    private static Instant time(long ticks, long resolution) {
        if (resolution > 0) {
            return Instant.ofEpochSecond(0, Math.multiplyExact(ticks, resolution));
        }
        long perSecond;
        if (resolution <= -1000) {
            perSecond = 1L << Math.min(62, -resolution - 1000);
        } else {
            perSecond = 1;
            for (int i = 0; i < Math.min(18, -resolution); i++) {
                perSecond *= 10;
            }
        }
        long seconds = Long.divideUnsigned(ticks, perSecond);
        long rest = Long.remainderUnsigned(ticks, perSecond);
        return Instant.ofEpochSecond(seconds, (long) (rest * (1e9 / perSecond)));
    }

    private byte[] readOrEnd(int n) throws IOException {
        byte[] out = new byte[n];
        int got = in.readNBytes(out, 0, n);
        if (got == 0) {
            return null;
        }
        if (got < n) {
            throw damaged("file ends inside a record header");
        }
        offset += n;
        return out;
    }

    private byte[] readFully(int n) throws IOException {
        byte[] out = new byte[n];
        if (in.readNBytes(out, 0, n) < n) {
            throw new EOFException(name + ": file ends inside a record at byte " + offset);
        }
        offset += n;
        return out;
    }

    private CaptureFileException damaged(String what) {
        return new CaptureFileException(name + ": damaged at byte " + offset + ": " + what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
