package dev.vigil.agent.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.agent.vrrp.decode.Decoded;
import dev.vigil.agent.vrrp.decode.FrameDecoder;
import dev.vigil.agent.vrrp.decode.LinkType;
import dev.vigil.agent.vrrp.observe.ObserverSettings;
import dev.vigil.agent.vrrp.observe.VrrpObserver;
import dev.vigil.agent.vrrp.testing.Mutator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 50,000 random and mutated frames through decoder and observer: nothing escapes, nothing hangs. */
class DecoderFuzzTest {
    static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.RAW, LinkType.LINUX_SLL2, 107};

    /** Runs {@code count} inputs; returns how many decoded as valid adverts. */
    static long fuzz(long seed, int count) {
        Mutator mutator = new Mutator(seed);
        FrameDecoder decoder = new FrameDecoder();
        VrrpObserver observer = new VrrpObserver(ObserverSettings.DEFAULTS, o -> {});
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            byte[] frame = mutator.next();
            int link = i % 7 == 0 ? LINK_TYPES[i % LINK_TYPES.length] : LinkType.ETHERNET;
            t = t.plusMillis(i % 3);
            Decoded d = decoder.decode(link, frame, frame.length, t);
            observer.accept("fuzz0", d);
        }
        observer.tick(t.plus(Duration.ofMinutes(1)));
        return observer.counters().adverts();
    }

    @Test
    @Timeout(60)
    void fuzz_50kMutatedFrames_noExceptionEscapes() {
        assertThatCode(() -> assertThat(fuzz(42, 50_000)).isPositive()).doesNotThrowAnyException();
    }
}
