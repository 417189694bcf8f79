package dev.vigil.agent.vrrp.decode;

/**
 * Formats addresses straight from packet bytes: dotted IPv4, RFC 5952 IPv6, colon-separated MAC. A site has a handful
 * of routers, so the text of recently seen addresses is kept and nearly every advert reuses it: formatting IPv6 was a
 * fifth of a replay's CPU time (docs/benchmarks-vrrp.md).
 */
public final class AddressText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final RecentText IPV4 = new RecentText();
    private static final RecentText IPV6 = new RecentText();
    private static final RecentText MAC = new RecentText();

    private AddressText() {}

    public static String ipv4(byte[] b, int off) {
        String known = IPV4.get(b, off, 4);
        return known != null ? known : IPV4.put(b, off, 4, formatIpv4(b, off));
    }

    public static String ipv6(byte[] b, int off) {
        String known = IPV6.get(b, off, 16);
        return known != null ? known : IPV6.put(b, off, 16, formatIpv6(b, off));
    }

    public static String mac(byte[] b, int off) {
        String known = MAC.get(b, off, 6);
        return known != null ? known : MAC.put(b, off, 6, formatMac(b, off));
    }

    private static String formatIpv4(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(15);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(b[off + i] & 0xff);
        }
        return sb.toString();
    }

    private static String formatIpv6(byte[] b, int off) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static String formatMac(byte[] b, int off) {
        char[] out = new char[17];
        for (int i = 0; i < 6; i++) {
            int v = b[off + i] & 0xff;
            out[i * 3] = HEX[v >>> 4];
            out[i * 3 + 1] = HEX[v & 0xf];
            if (i < 5) {
                out[i * 3 + 2] = ':';
            }
        }
        return new String(out);
    }
}
