package dev.vigil.agent.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiLoginTest {

    @ParameterizedTest(name = "''{0}'' + {1}")
    @CsvSource({
        "passTest, abc123, 0021277bff9ac7caf06aa608e46616d47f",
        "'', 93b438ec9b80057c06dd9fe67d56aa9a, 00e134102a9d330dd7b1849fedfea3cb57",
        "'', 856780b7411eefd3abadee2058c149a3, 005062f7a5ef124d34675bf3e81f56c556"
    })
    void response_referenceVector_matches(String password, String challenge, String expected) {
        assertThat(ApiLogin.response(password, challenge)).isEqualTo(expected);
    }

    @Test
    void response_challengeNotHex_failsWithProtocolError() {
        assertThatThrownBy(() -> ApiLogin.response("x", "zz"))
                .isInstanceOf(RouterOsException.class)
                .hasMessageContaining("not hexadecimal");
    }

    @Test
    void plainLogin_toString_masksPassword() {
        Command login = ApiLogin.plain("vigil", Secret.of("s3cret-value"));
        assertThat(login.toString()).doesNotContain("s3cret-value").contains("password=******");
        assertThat(login.words()).containsExactly("/login", "=name=vigil", "=password=s3cret-value");
    }
}
