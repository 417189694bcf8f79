package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.store.SsoPendingStore.SsoPendingRecord;
import dev.vigil.collector.testing.H2AndPostgresStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single sign-ins under way on H2 and on Debian's PostgreSQL: kept until taken, taken once (also when many takers race
 * for one state), expired ones deleted at the next begin, and a bound on how many are under way.
 */
class SsoPendingStoreTest extends H2AndPostgresStores {
    private static final Instant T0 = Instant.parse("2026-12-07T21:00:00Z");

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("stores")
    void beginTakeOnce_expiry_andTheBound(Stores stores) {
        SsoPendingStore store = stores.ssoPending();
        assertThat(store.begin(row("s-1", T0.plusSeconds(600)), T0, 3)).isTrue();
        assertThat(store.begin(row("s-old", T0.plusSeconds(1)), T0, 3)).isTrue();

        Optional<SsoPendingRecord> taken = store.take("s-1");
        assertThat(taken).isPresent();
        assertThat(taken.get().nonce()).isEqualTo("nonce-s-1");
        assertThat(taken.get().verifier()).isEqualTo("verifier-s-1");
        assertThat(taken.get().bindingHash()).isEqualTo("hash-s-1");
        assertThat(taken.get().expiresAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(taken.get().toString()).doesNotContain("nonce-s-1", "verifier-s-1", "hash-s-1");
        assertThat(store.take("s-1")).as("taken once").isEmpty();
        assertThat(store.take("no-such-state")).isEmpty();

        Instant later = T0.plus(Duration.ofSeconds(2));
        assertThat(store.begin(row("s-2", later.plusSeconds(600)), later, 3)).isTrue();
        assertThat(store.take("s-old"))
                .as("deleted at the begin after it expired")
                .isEmpty();

        assertThat(store.begin(row("s-3", later.plusSeconds(600)), later, 3)).isTrue();
        assertThat(store.begin(row("s-4", later.plusSeconds(600)), later, 3)).isTrue();
        assertThat(store.begin(row("s-5", later.plusSeconds(600)), later, 3))
                .as("three under way already")
                .isFalse();
        assertThat(store.take("s-5")).isEmpty();
        for (String s : List.of("s-2", "s-3", "s-4")) {
            assertThat(store.take(s)).isPresent();
        }
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("stores")
    void manyTakersRacingForOneState_onlyOneGetsIt(Stores stores) throws Exception {
        SsoPendingStore store = stores.ssoPending();
        int takers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(takers);
        try {
            for (int round = 0; round < 20; round++) {
                String state = "race-" + round;
                assertThat(store.begin(row(state, T0.plusSeconds(600)), T0, 100))
                        .isTrue();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<SsoPendingRecord>>> results = new ArrayList<>();
                for (int i = 0; i < takers; i++) {
                    Callable<Optional<SsoPendingRecord>> take = () -> {
                        go.await();
                        return store.take(state);
                    };
                    results.add(pool.submit(take));
                }
                go.countDown();
                int won = 0;
                for (Future<Optional<SsoPendingRecord>> f : results) {
                    won += f.get().isPresent() ? 1 : 0;
                }
                assertThat(won).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SsoPendingRecord row(String state, Instant expires) {
        return new SsoPendingRecord(state, "nonce-" + state, "verifier-" + state, "hash-" + state, expires);
    }
}
