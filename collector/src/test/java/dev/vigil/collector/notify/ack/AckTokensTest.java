package dev.vigil.collector.notify.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckTokensTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final AckTokens tokens = new AckTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void verify_issuedToken_namesItsAlert() throws Exception {
        AckTokens.Token t = tokens.issue("01HZABC", NOW, Duration.ofHours(24));
        AckTokens.Token back = tokens.verify(t.text(), NOW.plus(Duration.ofHours(23)));
        assertThat(back.alertId()).isEqualTo("01HZABC");
        assertThat(back.nonce()).isEqualTo(t.nonce());
        assertThat(t.text()).matches("[A-Za-z0-9._-]+");
    }

    @Test
    void verify_otherAlertIdWithTheSameSignature_isRefused() {
        String text = tokens.issue("01HZABC", NOW, Duration.ofHours(1)).text();
        assertThatThrownBy(() -> tokens.verify(text.replace("01HZABC", "01HZABD"), NOW))
                .isInstanceOf(AckTokens.Refused.class)
                .hasMessage("bad signature");
    }

    @Test
    void verify_laterExpiryWritten_isRefused() {
        String[] parts =
                tokens.issue("01HZABC", NOW, Duration.ofHours(1)).text().split("\\.");
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2] + "." + parts[3];
        assertThatThrownBy(() -> tokens.verify(longer, NOW))
                .isInstanceOf(AckTokens.Refused.class)
                .hasMessage("bad signature");
    }

    @Test
    void verify_pastExpiry_isRefused() {
        String text = tokens.issue("01HZABC", NOW, Duration.ofHours(1)).text();
        assertThatThrownBy(() -> tokens.verify(text, NOW.plus(Duration.ofHours(1))))
                .isInstanceOf(AckTokens.Refused.class)
                .hasMessage("expired");
    }

    @Test
    void verify_tokenOfAnotherCollector_isRefused() {
        AckTokens other = new AckTokens("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
        String text = other.issue("01HZABC", NOW, Duration.ofHours(1)).text();
        assertThatThrownBy(() -> tokens.verify(text, NOW)).hasMessage("bad signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "01HZ.1.2.3", "01HZ..AAAAAAAAAAAAAAAAAAAAAA.x", "../../etc/passwd"})
    void verify_malformed_isRefused(String text) {
        assertThatThrownBy(() -> tokens.verify(text, NOW))
                .isInstanceOf(AckTokens.Refused.class)
                .hasMessage("malformed token");
    }

    @Test
    void new_shortSecret_isRejected() {
        assertThatThrownBy(() -> new AckTokens(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
