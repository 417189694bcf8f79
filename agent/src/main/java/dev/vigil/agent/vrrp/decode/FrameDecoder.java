package dev.vigil.agent.vrrp.decode;

import dev.vigil.agent.vrrp.decode.Rejection.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one captured frame into an {@link Advert}, a {@link CarpAdvert} or a {@link Rejection}. Never throws on
 * any input: every bound is checked against both the captured length and the lengths the IP header declares
 * (frames on the wire are padded to 60 bytes). Receive checks follow RFC 3768/5798/9568 §7.1 in order: TTL/hop
 * limit, version and type, length, address count, checksum, interval. Stateless and thread-safe.
 */
public final class FrameDecoder {
    private static final int PROTO_VRRP = 112;
    private static final int PROTO_AH = 51;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int CARP_LENGTH = 36;
    private static final int CARP_AUTHLEN = 7;
    private static final int MAX_IPV6_EXTENSIONS = 8;

    /** Decodes {@code data[0..length)} captured with the given pcap link type. */
    public Decoded decode(int linkType, byte[] data, int length, Instant time) {
        length = Math.min(length, data.length);
        return switch (linkType) {
            case LinkType.ETHERNET -> ethernet(data, length, time);
            case LinkType.LINUX_SLL ->
                length < 16
                        ? truncated(time, "Linux cooked header needs 16 bytes, have " + length)
                        : ethertype(data, length, time, u16(data, 14), 16, null, sllMac(data, 4, 6));
            case LinkType.LINUX_SLL2 ->
                length < 20
                        ? truncated(time, "Linux cooked v2 header needs 20 bytes, have " + length)
                        : ethertype(data, length, time, u16(data, 0), 20, null, sllMac(data, 11, 12));
            case LinkType.RAW, LinkType.RAW_DLT, LinkType.IPV4, LinkType.IPV6 -> rawIp(data, length, time, 0);
            case LinkType.NULL, LinkType.LOOP ->
                length < 4
                        ? truncated(time, "loopback header needs 4 bytes, have " + length)
                        : rawIp(data, length, time, 4);
            default -> Rejection.of(time, Reason.UNKNOWN_LINK_TYPE, "link type " + linkType + " is not supported");
        };
    }

    private Decoded ethernet(byte[] b, int len, Instant time) {
        if (len < 14) {
            return truncated(time, "Ethernet header needs 14 bytes, have " + len);
        }
        int off = 12;
        int type = u16(b, off);
        Integer vlan = null;
        while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
            if (len < off + 6) {
                return truncated(time, "802.1Q tag cut short at byte " + len);
            }
            vlan = u16(b, off + 2) & 0x0fff;
            off += 4;
            type = u16(b, off);
        }
        return ethertype(b, len, time, type, off + 2, vlan, AddressText.mac(b, 6));
    }

    private static String sllMac(byte[] b, int lenOff, int addrOff) {
        int addrLen = lenOff == 4 ? u16(b, 4) : b[lenOff] & 0xff;
        return addrLen == 6 ? AddressText.mac(b, addrOff) : null;
    }

    private Decoded rawIp(byte[] b, int len, Instant time, int off) {
        if (len <= off) {
            return truncated(time, "empty packet");
        }
        int version = (b[off] & 0xff) >>> 4;
        int type = version == 4 ? ETHERTYPE_IPV4 : version == 6 ? ETHERTYPE_IPV6 : -1;
        return ethertype(b, len, time, type, off, null, null);
    }

    private Decoded ethertype(byte[] b, int len, Instant time, int type, int off, Integer vlan, String mac) {
        if (type == ETHERTYPE_IPV4) {
            return ipv4(b, len, time, off, vlan, mac);
        } else if (type == ETHERTYPE_IPV6) {
            return ipv6(b, len, time, off, vlan, mac);
        }
        return new Rejection(time, Reason.NOT_VRRP, "ethertype 0x" + Integer.toHexString(type), null, null, null, vlan);
    }

    private Decoded ipv4(byte[] b, int len, Instant time, int off, Integer vlan, String mac) {
        if (len < off + 20) {
            return new Rejection(time, Reason.TRUNCATED, "IPv4 header cut short", Family.IPv4, null, null, vlan);
        }
        int ihl = (b[off] & 0x0f) * 4;
        int total = u16(b, off + 2);
        if ((b[off] & 0xf0) != 0x40 || ihl < 20 || total < ihl) {
            return new Rejection(
                    time,
                    Reason.BAD_IP_HEADER,
                    "IPv4 header length " + ihl + ", total length " + total,
                    Family.IPv4,
                    null,
                    null,
                    vlan);
        }
        int proto = b[off + 9] & 0xff;
        if (proto != PROTO_VRRP && proto != PROTO_AH) {
            return new Rejection(time, Reason.NOT_VRRP, "IP protocol " + proto, Family.IPv4, null, null, vlan);
        }
        Packet p = new Packet(time, vlan, mac, Family.IPv4, b, off + 12, off + 16, b[off + 8] & 0xff);
        p.fragmented = (u16(b, off + 6) & 0x3fff) != 0;
        return p.transport(proto, off + ihl, total - ihl, Math.min(len, off + total));
    }

    private Decoded ipv6(byte[] b, int len, Instant time, int off, Integer vlan, String mac) {
        if (len < off + 40) {
            return new Rejection(time, Reason.TRUNCATED, "IPv6 header cut short", Family.IPv6, null, null, vlan);
        }
        if ((b[off] & 0xf0) != 0x60) {
            return new Rejection(time, Reason.BAD_IP_HEADER, "IPv6 version nibble", Family.IPv6, null, null, vlan);
        }
        int payload = u16(b, off + 4);
        int next = b[off + 6] & 0xff;
        Packet p = new Packet(time, vlan, mac, Family.IPv6, b, off + 8, off + 24, b[off + 7] & 0xff);
        int end = Math.min(len, off + 40 + payload);
        int at = off + 40;
        for (int i = 0; i < MAX_IPV6_EXTENSIONS && (next == 0 || next == 43 || next == 60 || next == 44); i++) {
            if (next == 44) {
                p.fragmented = true;
                break;
            }
            if (at + 2 > end) {
                return p.reject(Reason.TRUNCATED, "IPv6 extension header cut short");
            }
            int extLen = ((b[at + 1] & 0xff) + 1) * 8;
            next = b[at] & 0xff;
            at += extLen;
        }
        if (next != PROTO_VRRP && next != PROTO_AH && !p.fragmented) {
            return new Rejection(time, Reason.NOT_VRRP, "IPv6 next header " + next, Family.IPv6, null, null, vlan);
        }
        return p.transport(next, at, off + 40 + payload - at, end);
    }

    /** The IP-level facts of one packet while its VRRP payload is checked. */
    private static final class Packet {
        final Instant time;
        final Integer vlan;
        final String mac;
        final Family family;
        final byte[] b;
        final int srcOff;
        final int dstOff;
        final int ttl;
        final String source;
        boolean viaAh;
        boolean fragmented;

        Packet(Instant time, Integer vlan, String mac, Family family, byte[] b, int srcOff, int dstOff, int ttl) {
            this.time = time;
            this.vlan = vlan;
            this.mac = mac;
            this.family = family;
            this.b = b;
            this.srcOff = srcOff;
            this.dstOff = dstOff;
            this.ttl = ttl;
            this.source = address(srcOff);
        }

        String address(int off) {
            return family == Family.IPv4 ? AddressText.ipv4(b, off) : AddressText.ipv6(b, off);
        }

        Rejection reject(Reason reason, String detail) {
            return reject(reason, detail, null);
        }

        Rejection reject(Reason reason, String detail, Integer vrid) {
            return new Rejection(time, reason, detail, family, source, vrid, vlan);
        }

        /** {@code declared}: payload length per the IP header; {@code capEnd}: where the captured bytes stop. */
        Decoded transport(int proto, int off, int declared, int capEnd) {
            if (ttl != 255) {
                return reject(Reason.BAD_TTL, (family == Family.IPv4 ? "TTL " : "hop limit ") + ttl + ", must be 255");
            }
            if (fragmented) {
                return reject(Reason.FRAGMENTED, "fragmented packet (VRRP is never fragmented)");
            }
            if (declared < 0) {
                return reject(Reason.BAD_IP_HEADER, "IP payload length below its extension headers");
            }
            if (proto == PROTO_AH) {
                if (off + 12 > capEnd || declared < 12) {
                    return reject(Reason.TRUNCATED, "AH header cut short");
                }
                int ahLen = ((b[off + 1] & 0xff) + 2) * 4;
                if ((b[off] & 0xff) != PROTO_VRRP) {
                    return reject(Reason.NOT_VRRP, "AH carries protocol " + (b[off] & 0xff));
                }
                if (ahLen < 12 || ahLen > declared) {
                    return reject(Reason.BAD_AH, "AH length " + ahLen + " of " + declared + " payload bytes");
                }
                viaAh = true;
                return vrrp(off + ahLen, declared - ahLen, capEnd);
            }
            return vrrp(off, declared, capEnd);
        }

        private Decoded vrrp(int off, int length, int capEnd) {
            if (capEnd < off + length) {
                return reject(
                        Reason.TRUNCATED,
                        "captured " + Math.max(0, capEnd - off) + " of " + length + " VRRP bytes",
                        capEnd > off + 1 ? b[off + 1] & 0xff : null);
            }
            if (length < 8) {
                return reject(Reason.TRUNCATED, "VRRP message of " + length + " bytes, header needs 8");
            }
            int version = (b[off] & 0xff) >>> 4;
            int type = b[off] & 0x0f;
            int vrid = b[off + 1] & 0xff;
            if (version == 2 && family == Family.IPv4) {
                if (type == 1 && length == CARP_LENGTH && (b[off + 3] & 0xff) == CARP_AUTHLEN && !viaAh) {
                    return new CarpAdvert(time, vlan, family, source, vrid, b[off + 2] & 0xff, b[off + 5] & 0xff);
                }
                return v2(off, length, type, vrid);
            } else if (version == 3) {
                return v3(off, length, type, vrid);
            }
            String what = version == 2 ? "VRRPv2 is IPv4 only" : "version " + version;
            return reject(Reason.UNKNOWN_VERSION, what, vrid);
        }

        private Decoded v2(int off, int length, int type, int vrid) {
            if (type != 1) {
                return reject(Reason.UNKNOWN_TYPE, "type " + type + ", only 1 (advertisement) exists", vrid);
            }
            int count = b[off + 3] & 0xff;
            if (length != 16 + 4 * count) {
                return reject(
                        Reason.ADDRESS_COUNT_MISMATCH,
                        count + " addresses need " + (16 + 4 * count) + " bytes, message has " + length,
                        vrid);
            }
            if (count == 0) {
                return noAddresses("Count IP Addrs", vrid);
            }
            if (!Checksums.valid(Checksums.sum(b, off, length))) {
                return reject(Reason.BAD_CHECKSUM, "VRRPv2 checksum 0x" + Integer.toHexString(u16(b, off + 6)), vrid);
            }
            int interval = b[off + 5] & 0xff;
            if (interval == 0) {
                return reject(Reason.ZERO_INTERVAL, "advertisement interval 0", vrid);
            }
            int authType = b[off + 4] & 0xff;
            String auth = switch (authType) {
                case 0 -> viaAh ? "ah" : "none";
                case 1 -> "simple";
                case 2 -> "ah";
                default -> "type-" + authType;
            };
            return advert(2, type, vrid, off, count, interval, auth, ChecksumForm.MSG);
        }

        private Decoded v3(int off, int length, int type, int vrid) {
            if (type != 1) {
                return reject(Reason.UNKNOWN_TYPE, "type " + type + ", only 1 (advertisement) exists", vrid);
            }
            int count = b[off + 3] & 0xff;
            int addrLen = family == Family.IPv4 ? 4 : 16;
            if (length != 8 + addrLen * count) {
                return reject(
                        Reason.ADDRESS_COUNT_MISMATCH,
                        count + " addresses need " + (8 + addrLen * count) + " bytes, message has " + length,
                        vrid);
            }
            if (count == 0) {
                return noAddresses("Count IPvX Addr", vrid);
            }
            boolean v6 = family == Family.IPv6;
            long message = Checksums.sum(b, off, length);
            ChecksumForm form;
            if (!v6 && Checksums.valid(message)) {
                form = ChecksumForm.MSG;
            } else if (Checksums.valid(message + Checksums.pseudo(b, srcOff, dstOff, v6, length))) {
                form = ChecksumForm.PSEUDO;
            } else if (Checksums.valid(message + Checksums.pseudo(b, srcOff, -1, v6, length))) {
                form = ChecksumForm.PSEUDO_GROUP;
            } else {
                return reject(
                        Reason.BAD_CHECKSUM,
                        "VRRPv3 checksum 0x" + Integer.toHexString(u16(b, off + 6)) + " matches no known form",
                        vrid);
            }
            int interval = u16(b, off + 4) & 0x0fff;
            if (interval == 0) {
                return reject(Reason.ZERO_INTERVAL, "Max Adver Int 0", vrid);
            }
            return advert(3, type, vrid, off, count, interval, "-", form);
        }

        private Rejection noAddresses(String field, int vrid) {
            return reject(Reason.NO_ADDRESSES, field + " 0, at least 1 virtual address is required", vrid);
        }

        private Advert advert(
                int version, int type, int vrid, int off, int count, int interval, String auth, ChecksumForm form) {
            int addrLen = family == Family.IPv4 ? 4 : 16;
            List<String> addresses = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                addresses.add(address(off + 8 + i * addrLen));
            }
            return new Advert(
                    time,
                    vlan,
                    mac,
                    family,
                    source,
                    address(dstOff),
                    Checksums.isGroup(b, dstOff, family == Family.IPv6),
                    ttl,
                    version,
                    type,
                    vrid,
                    b[off + 2] & 0xff,
                    interval,
                    auth,
                    addresses,
                    form);
        }
    }

    private static Rejection truncated(Instant time, String detail) {
        return Rejection.of(time, Reason.TRUNCATED, detail);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }
}
