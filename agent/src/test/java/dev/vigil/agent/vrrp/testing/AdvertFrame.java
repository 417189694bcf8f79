package dev.vigil.agent.vrrp.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Builds Ethernet frames carrying VRRP (or CARP) adverts byte by byte, for decoder, observer and fuzz tests. */
public final class AdvertFrame {
    public enum Checksum {
        MSG,
        PSEUDO,
        PSEUDO_GROUP,
        BAD
    }

    private int version = 3;
    private int type = 1;
    private int vrid = 10;
    private int priority = 100;
    private Integer countOverride;
    private int authType;
    private byte[] authData = new byte[8];
    private int interval = 100;
    private boolean ipv6;
    private int ttl = 255;
    private String source;
    private String destination;
    private final List<String> addresses = new ArrayList<>();
    private final List<Integer> vlans = new ArrayList<>();
    private boolean ah;
    private Checksum checksum;
    private int padTo = 60;
    private int truncateVrrpBy;

    public static AdvertFrame v2() {
        return new AdvertFrame().version(2).interval(1).checksum(Checksum.MSG);
    }

    public static AdvertFrame v3() {
        return new AdvertFrame().version(3).interval(100).checksum(Checksum.PSEUDO);
    }

    public static AdvertFrame v3ipv6() {
        return v3().ipv6(true);
    }

    public AdvertFrame version(int v) {
        version = v;
        return this;
    }

    public AdvertFrame type(int t) {
        type = t;
        return this;
    }

    public AdvertFrame vrid(int v) {
        vrid = v;
        return this;
    }

    public AdvertFrame priority(int p) {
        priority = p;
        return this;
    }

    public AdvertFrame count(int c) {
        countOverride = c;
        return this;
    }

    public AdvertFrame auth(int authType, byte[] data) {
        this.authType = authType;
        this.authData = data;
        return this;
    }

    public AdvertFrame interval(int i) {
        interval = i;
        return this;
    }

    public AdvertFrame ipv6(boolean v6) {
        ipv6 = v6;
        return this;
    }

    public AdvertFrame ttl(int t) {
        ttl = t;
        return this;
    }

    public AdvertFrame source(String s) {
        source = s;
        return this;
    }

    public AdvertFrame destination(String d) {
        destination = d;
        return this;
    }

    public AdvertFrame address(String a) {
        addresses.add(a);
        return this;
    }

    public AdvertFrame vlan(int id) {
        vlans.add(id);
        return this;
    }

    public AdvertFrame ah(boolean on) {
        ah = on;
        return this;
    }

    public AdvertFrame checksum(Checksum c) {
        checksum = c;
        return this;
    }

    public AdvertFrame padTo(int n) {
        padTo = n;
        return this;
    }

    public AdvertFrame truncateVrrpBy(int n) {
        truncateVrrpBy = n;
        return this;
    }

    public byte[] vrrp() {
        List<String> addrs = addresses.isEmpty() ? List.of(ipv6 ? "2001:db8::1" : "192.0.2.1") : addresses;
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write((version << 4) | type);
        m.write(vrid);
        m.write(priority);
        m.write(countOverride != null ? countOverride : addrs.size());
        if (version == 3) {
            m.write((interval >> 8) & 0x0f);
            m.write(interval & 0xff);
        } else {
            m.write(authType);
            m.write(interval);
        }
        m.write(0);
        m.write(0);
        for (String a : addrs) {
            m.writeBytes(ip(a));
        }
        if (version != 3) {
            m.writeBytes(authData);
        }
        byte[] msg = m.toByteArray();
        long sum = sum(msg);
        if (checksum == Checksum.PSEUDO || checksum == Checksum.PSEUDO_GROUP) {
            sum += sum(ip(src())) + sum(ip(checksum == Checksum.PSEUDO_GROUP ? group() : dst()));
            sum += msg.length + 112;
        }
        int ck = (int) (~fold(sum) & 0xffff);
        if (checksum == Checksum.BAD) {
            ck ^= 0x5a5a;
        }
        msg[6] = (byte) (ck >> 8);
        msg[7] = (byte) ck;
        return msg;
    }

    public byte[] build() {
        byte[] vrrp = vrrp();
        byte[] payload = vrrp;
        if (ah) {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            a.writeBytes(new byte[] {112, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7});
            a.writeBytes(new byte[12]); // 96-bit ICV
            a.writeBytes(vrrp);
            payload = a.toByteArray();
        }
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(ipv6 ? new byte[] {0x33, 0x33, 0, 0, 0, 0x12} : new byte[] {1, 0, 0x5e, 0, 0, 0x12});
        f.writeBytes(new byte[] {0, 0, 0x5e, 0, 1, (byte) vrid});
        for (int id : vlans) {
            f.writeBytes(new byte[] {(byte) 0x81, 0, (byte) (id >> 8), (byte) id});
        }
        f.writeBytes(ipv6 ? new byte[] {(byte) 0x86, (byte) 0xdd} : new byte[] {8, 0});
        int vrrpLen = payload.length;
        if (ipv6) {
            f.writeBytes(new byte[] {0x60, 0, 0, 0, (byte) (vrrpLen >> 8), (byte) vrrpLen, 112, (byte) ttl});
            f.writeBytes(ip(src()));
            f.writeBytes(ip(dst()));
        } else {
            byte[] h = {
                0x45,
                (byte) 0xc0,
                (byte) ((20 + vrrpLen) >> 8),
                (byte) (20 + vrrpLen),
                0x12,
                0x34,
                0,
                0,
                (byte) ttl,
                (byte) (ah ? 51 : 112),
                0,
                0
            };
            byte[] header = new byte[20];
            System.arraycopy(h, 0, header, 0, 12);
            System.arraycopy(ip(src()), 0, header, 12, 4);
            System.arraycopy(ip(dst()), 0, header, 16, 4);
            int ck = (int) (~fold(sum(header)) & 0xffff);
            header[10] = (byte) (ck >> 8);
            header[11] = (byte) ck;
            f.writeBytes(header);
        }
        f.write(payload, 0, payload.length - truncateVrrpBy);
        while (f.size() < padTo && truncateVrrpBy == 0) {
            f.write(0);
        }
        return f.toByteArray();
    }

    private String src() {
        return source != null ? source : ipv6 ? "fe80::1" : "192.0.2.11";
    }

    private String dst() {
        return destination != null ? destination : group();
    }

    private String group() {
        return ipv6 ? "ff02::12" : "224.0.0.18";
    }

    private static byte[] ip(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static long sum(byte[] b) {
        long s = 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (b.length % 2 == 1) {
            s += (b[b.length - 1] & 0xff) << 8;
        }
        return s;
    }

    private static long fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return s;
    }
}
