package dev.vigil.agent.vrrp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.vrrp.decode.FrameDecoder;
import dev.vigil.agent.vrrp.decode.LinkType;
import dev.vigil.agent.vrrp.testing.Mutator;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 2,000,000 random and mutated frames through decoder and observer; baseline: the decoder alone. */
@Tag("bench")
class DecoderFuzzBench {
    private static final int INPUTS = 2_000_000;

    @Test
    @Timeout(600)
    void fuzz_twoMillionInputs_noExceptionNoHang() {
        long t0 = System.nanoTime();
        Mutator m = new Mutator(7);
        FrameDecoder decoder = new FrameDecoder();
        for (int i = 0; i < INPUTS; i++) {
            byte[] f = m.next();
            assertThat(decoder.decode(LinkType.ETHERNET, f, f.length, Instant.EPOCH))
                    .isNotNull();
        }
        double decodeOnly = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long adverts = dev.vigil.agent.vrrp.DecoderFuzzAccess.fuzz(11, INPUTS);
        double withObserver = (System.nanoTime() - t1) / 1e9;

        System.out.printf(Locale.ROOT, "%-32s %10s %12s %8s%n", "fuzz (2e6 inputs)", "seconds", "inputs/s", "ratio");
        System.out.printf(
                Locale.ROOT,
                "%-32s %10.2f %12.0f %8.2f%n",
                "decoder only (baseline)",
                decodeOnly,
                INPUTS / decodeOnly,
                1.0);
        System.out.printf(
                Locale.ROOT,
                "%-32s %10.2f %12.0f %8.2f%n",
                "decoder + observer",
                withObserver,
                INPUTS / withObserver,
                decodeOnly / withObserver);
        System.out.println("valid adverts among the mutated inputs: " + adverts);
        assertThat(adverts).isPositive();
    }
}
