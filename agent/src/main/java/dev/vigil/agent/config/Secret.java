package dev.vigil.agent.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A password or token. Its text never appears in toString(), logs, events or exceptions. */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret's text, for the one place that must send it (a login, a CONNECT). */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    public char[] revealChars() {
        return reveal().toCharArray();
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "******";
    }
}
