package dev.vigil.collector.notify.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotifySettingsTest {
    @Test
    void publicUrl_emptyAsDockerComposePassesIt_meansNone() {
        assertThat(NotifySettings.defaults("").publicUrl()).isNull();
    }

    @Test
    void publicUrl_trailingSlash_isDropped() {
        assertThat(NotifySettings.defaults("https://vigil.example.net/").publicUrl())
                .isEqualTo("https://vigil.example.net");
    }

    @Test
    void publicUrl_withoutScheme_isRejectedNamingIt() {
        assertThatThrownBy(() -> NotifySettings.defaults("vigil.example.net"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notify settings: public URL must start with http:// or https://, not 'vigil.example.net'");
    }
}
