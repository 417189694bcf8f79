package dev.vigil.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void verify_rightAndWrongPassword() {
        String hash = PasswordHasher.hash("correct horse", 1_000);
        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct");
        assertThat(PasswordHasher.verify("correct horse", hash)).isTrue();
        assertThat(PasswordHasher.verify("correct horsf", hash)).isFalse();
    }

    @Test
    void hash_samePasswordTwice_differsBySalt() {
        assertThat(PasswordHasher.hash("x", 1_000)).isNotEqualTo(PasswordHasher.hash("x", 1_000));
    }

    @Test
    void verify_malformedStoredHash_isFalse() {
        assertThat(PasswordHasher.verify("x", "plain")).isFalse();
        assertThat(PasswordHasher.verify("x", "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(PasswordHasher.verify(null, "pbkdf2-sha256$1$AA$AA")).isFalse();
    }
}
