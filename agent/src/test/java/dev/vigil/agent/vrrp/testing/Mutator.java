package dev.vigil.agent.vrrp.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random and mutated frames for fuzzing: valid adverts with bytes flipped, cut, extended, or pure noise. */
public final class Mutator {
    private final SplittableRandom random;
    private final byte[][] seeds;

    public Mutator(long seed) {
        random = new SplittableRandom(seed);
        seeds = new byte[][] {
            AdvertFrame.v2().build(),
            AdvertFrame.v2()
                    .auth(1, "abcdefgh".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .address("192.0.2.2")
                    .build(),
            AdvertFrame.v2().auth(2, new byte[8]).ah(true).build(),
            AdvertFrame.v3().build(),
            AdvertFrame.v3().vlan(10).vlan(20).build(),
            AdvertFrame.v3ipv6().address("fe80::30").address("2001:db8::30").build(),
        };
    }

    public byte[] next() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] noise = new byte[random.nextInt(120)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] frame = seeds[random.nextInt(seeds.length)];
        frame = Arrays.copyOf(
                frame,
                kind == 1 ? random.nextInt(frame.length + 1) : frame.length + (kind == 2 ? random.nextInt(64) : 0));
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && frame.length > 0; i++) {
            frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
        }
        return frame;
    }
}
