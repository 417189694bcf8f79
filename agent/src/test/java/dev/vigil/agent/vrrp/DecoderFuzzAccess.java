package dev.vigil.agent.vrrp;

/** Lets the benchmark package reuse the fuzz loop of {@link DecoderFuzzTest}. */
public final class DecoderFuzzAccess {
    private DecoderFuzzAccess() {}

    public static long fuzz(long seed, int count) {
        return DecoderFuzzTest.fuzz(seed, count);
    }
}
