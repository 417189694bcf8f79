package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B test vectors, the verification window and reuse. */
class TotpTest {
    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY =
            ("1234567890123456789012345678901234567890123456789012345678901234").getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"
    })
    void code_rfc6238Vectors_match(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SHA1_KEY, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_KEY, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_KEY, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void verify_withinOneStepEitherSide_matches_furtherNot() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);
        for (long s = step - 1; s <= step + 1; s++) {
            assertThat(Totp.verify(SHA1_KEY, Totp.code(SHA1_KEY, s, 6, "HmacSHA1"), now, -1))
                    .hasValue(s);
        }
        assertThat(Totp.verify(SHA1_KEY, Totp.code(SHA1_KEY, step - 2, 6, "HmacSHA1"), now, -1))
                .isEmpty();
        assertThat(Totp.verify(SHA1_KEY, Totp.code(SHA1_KEY, step + 2, 6, "HmacSHA1"), now, -1))
                .isEmpty();
    }

    @Test
    void verify_codeAlreadyUsedInItsWindow_isRefused() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);
        String code = Totp.code(SHA1_KEY, step, 6, "HmacSHA1");
        assertThat(Totp.verify(SHA1_KEY, code, now, step - 1)).hasValue(step);
        assertThat(Totp.verify(SHA1_KEY, code, now, step)).isEmpty();
        assertThat(Totp.verify(SHA1_KEY, code, now.plusSeconds(30), step)).isEmpty();
    }

    @Test
    void verify_malformedCodes_areRefused() {
        Instant now = Instant.ofEpochSecond(59);
        for (String bad : new String[] {null, "", "12345", "1234567", "abcdef", "12 456", "' OR 1=1"}) {
            assertThat(Totp.verify(SHA1_KEY, bad, now, -1))
                    .as(String.valueOf(bad))
                    .isEmpty();
        }
    }

    @Test
    void base32_roundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Base32.decode("MZXW6YTBOI"), StandardCharsets.US_ASCII))
                .isEqualTo("foobar");
        assertThat(Base32.decode(Base32.encode(SHA1_KEY))).isEqualTo(SHA1_KEY);
    }
}
