package dev.vigil.collector.configs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.store.Database;
import dev.vigil.protocol.ConfigExport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The configuration store on a real database. "Two collectors" are two connection pools on one database, as with
 * several collectors sharing PostgreSQL.
 */
abstract class ConfigStoreContract {
    private static final AtomicInteger ROUTERS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** The database this collector uses. */
    abstract Database db();

    /** Another pool on the same database: another collector. */
    abstract Database otherCollector();

    private static String router() {
        return "router-" + ROUTERS.incrementAndGet();
    }

    private static ExportText export(String router, String exportId, String text, Instant at) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return new ExportText("site-a", router, exportId, ConfigExport.sha256(raw), raw.length, text, at);
    }

    @Test
    void record_newUnchangedNew_countsVersionsUpAndMovesTheConfirmation() {
        ConfigStore store = new ConfigStore(db());
        String r = router();
        assertThat(store.record(export(r, "e1", "a\n", T0), T0))
                .isEqualTo(new ConfigStore.Recorded(ConfigStore.Outcome.NEW_VERSION, 1));
        assertThat(store.record(export(r, "e2", "a\n", T0.plusSeconds(60)), T0))
                .isEqualTo(new ConfigStore.Recorded(ConfigStore.Outcome.UNCHANGED, 1));
        assertThat(store.record(export(r, "e3", "b\n", T0.plusSeconds(120)), T0))
                .isEqualTo(new ConfigStore.Recorded(ConfigStore.Outcome.NEW_VERSION, 2));
        // back to the first text: a new version, since it differs from the latest
        assertThat(store.record(export(r, "e4", "a\n", T0.plusSeconds(180)), T0).version())
                .isEqualTo(3);
        List<ConfigVersion> versions = store.versions("site-a", r);
        assertThat(versions).extracting(ConfigVersion::id).containsExactly(3, 2, 1);
        assertThat(versions.get(2).lastConfirmedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(versions.get(2).createdAt()).isEqualTo(T0);
        assertThat(store.text("site-a", r, 2)).hasValue("b\n");
        assertThat(store.routers("site-a"))
                .filteredOn(h -> h.router().equals(r))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.versions()).isEqualTo(3);
                    assertThat(h.latest().id()).isEqualTo(3);
                });
    }

    @Test
    void record_theSameExportAgain_isAlreadyDone_andARejectedOneStaysRejected() {
        ConfigStore store = new ConfigStore(db());
        String r = router();
        store.record(export(r, "again", "a\n", T0), T0);
        assertThat(store.record(export(r, "again", "a\n", T0.plusSeconds(60)), T0)
                        .outcome())
                .isEqualTo(ConfigStore.Outcome.ALREADY_DONE);
        assertThat(store.versions("site-a", r).get(0).lastConfirmedAt()).isEqualTo(T0);
        store.rejected("site-a", r, "bad", T0);
        store.rejected("site-a", r, "bad", T0);
        assertThat(store.done("site-a", "bad")).isTrue();
        assertThat(store.record(export(r, "bad", "c\n", T0.plusSeconds(60)), T0).outcome())
                .isEqualTo(ConfigStore.Outcome.ALREADY_DONE);
    }

    @Test
    void record_anOlderExportWithAnotherText_isStale() {
        ConfigStore store = new ConfigStore(db());
        String r = router();
        store.record(export(r, "new", "new\n", T0.plusSeconds(600)), T0);
        assertThat(store.record(export(r, "old", "old\n", T0), T0).outcome()).isEqualTo(ConfigStore.Outcome.STALE);
        assertThat(store.versions("site-a", r)).hasSize(1);
    }

    @Test
    void purge_keepsTheNewestByCount_dropsOnesTooOld_andNeverTheLatest() {
        ConfigStore store = new ConfigStore(db());
        String r = router();
        for (int i = 1; i <= 6; i++) {
            store.record(export(r, "p" + i, "v" + i + "\n", T0.plus(Duration.ofDays(i))), T0);
        }
        Instant now = T0.plus(Duration.ofDays(10));
        assertThat(store.purge(new ConfigRetention(4, Duration.ZERO), "site-a", r, now))
                .isEqualTo(2);
        assertThat(store.versions("site-a", r)).extracting(ConfigVersion::id).containsExactly(6, 5, 4, 3);
        // last confirmed 7 and 8 days before now: both go; 6 (4 days) stays
        assertThat(store.purge(new ConfigRetention(0, Duration.ofDays(5)), "site-a", r, now))
                .isEqualTo(2);
        assertThat(store.versions("site-a", r)).extracting(ConfigVersion::id).containsExactly(6, 5);
        // everything is too old, but the latest stays
        assertThat(store.purge(new ConfigRetention(0, Duration.ofDays(1)), null, null, now.plus(Duration.ofDays(30))))
                .isGreaterThanOrEqualTo(1);
        assertThat(store.versions("site-a", r)).extracting(ConfigVersion::id).containsExactly(6);
        assertThat(store.forgetExportsBefore(now)).isGreaterThanOrEqualTo(6);
    }

    @Test
    void twoCollectors_storingTheSameTextAtOnce_makeOneVersion() throws Exception {
        ConfigStore mine = new ConfigStore(db());
        try (Database other = otherCollector()) {
            ConfigStore theirs = new ConfigStore(other);
            for (int round = 0; round < 10; round++) {
                String r = router();
                List<ConfigStore.Recorded> results = race(
                        8, i -> (i % 2 == 0 ? mine : theirs).record(export(r, r + "-e" + i, "same text\n", T0), T0));
                assertThat(results)
                        .filteredOn(x -> x.outcome() == ConfigStore.Outcome.NEW_VERSION)
                        .hasSize(1);
                assertThat(results)
                        .filteredOn(x -> x.outcome() == ConfigStore.Outcome.UNCHANGED)
                        .hasSize(7);
                assertThat(mine.versions("site-a", r))
                        .extracting(ConfigVersion::id)
                        .containsExactly(1);
            }
            String r = router();
            List<ConfigStore.Recorded> results = race(
                    8, i -> (i % 2 == 0 ? mine : theirs).record(export(r, r + "-d" + i, "text " + i + "\n", T0), T0));
            assertThat(results)
                    .extracting(ConfigStore.Recorded::version)
                    .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(mine.versions("site-a", r)).hasSize(8);
        }
    }

    private interface Attempt {
        ConfigStore.Recorded run(int i) throws Exception;
    }

    private static List<ConfigStore.Recorded> race(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ConfigStore.Recorded>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<ConfigStore.Recorded> task = () -> {
                    go.await();
                    return attempt.run(index);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<ConfigStore.Recorded> out = new ArrayList<>();
            for (Future<ConfigStore.Recorded> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
