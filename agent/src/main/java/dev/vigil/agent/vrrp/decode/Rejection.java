package dev.vigil.agent.vrrp.decode;

import java.time.Instant;
import java.util.Locale;

/**
 * A frame that is not a valid VRRP advert, with the reason and a one-line detail. {@code source} and {@code vrid}
 * are filled in when the decoder got that far.
 */
public record Rejection(
        Instant time, Reason reason, String detail, Family family, String source, Integer vrid, Integer vlan)
        implements Decoded {

    public enum Reason {
        /** Not VRRP at all (ARP, other IP protocols): only counted, never reported as invalid. */
        NOT_VRRP,
        UNKNOWN_LINK_TYPE,
        TRUNCATED,
        BAD_IP_HEADER,
        FRAGMENTED,
        BAD_TTL,
        UNKNOWN_VERSION,
        UNKNOWN_TYPE,
        ADDRESS_COUNT_MISMATCH,
        /** Count IP(vX) Addrs 0: RFC 9568 §5.2.5 sets the minimum at 1, RFC 3768 §6.1 needs one or more. */
        NO_ADDRESSES,
        ZERO_INTERVAL,
        BAD_CHECKSUM,
        BAD_AH;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Rejection of(Instant time, Reason reason, String detail) {
        return new Rejection(time, reason, detail, null, null, null, null);
    }

    @Override
    public String toString() {
        return reason.wireName() + ": " + detail;
    }
}
