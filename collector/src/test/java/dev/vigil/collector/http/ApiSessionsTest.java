package dev.vigil.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.Stores;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login sessions against a real H2 file, with a clock the test moves. */
class ApiSessionsTest {
    @TempDir
    Path dir;

    private Stores stores;
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");

    @BeforeEach
    void open() {
        stores = Stores.open("jdbc:h2:file:" + dir.resolve("vigil"), null, null);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private ApiSessions sessions() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new ApiSessions(clock, stores.apiSessions(), call -> {
            call.run(); // the test thread is no event loop
            return Future.succeededFuture();
        });
    }

    @Test
    void create_storesOnlyTheHashOfTheToken_andARestartedInstanceAcceptsIt() {
        String token = sessions().create("vera", Role.VIEWER).result();

        assertThat(stores.apiSessions().all())
                .singleElement()
                .satisfies(s -> assertThat(s.tokenHash())
                        .isEqualTo(ApiSessions.hash(token))
                        .doesNotContain(token));
        ApiSessions restarted = sessions();
        restarted.restore(stores.apiSessions().all());
        assertThat(restarted.touch(token))
                .hasValueSatisfying(s -> assertThat(s.role()).isEqualTo(Role.VIEWER));
        assertThat(restarted.touch("not-a-token")).isEmpty();
    }

    @Test
    void expire_afterTheIdleTimeout_purgesMemoryAndStore_andRestoreSkipsStaleRows() {
        ApiSessions s = sessions();
        String idle = s.create("vera", Role.VIEWER).result();
        now = now.plus(ApiSessions.IDLE_TIMEOUT).minusSeconds(60);
        String used = s.create("otto", Role.OPERATOR).result();
        now = now.plusSeconds(120);

        ApiSessions restarted = sessions();
        restarted.restore(stores.apiSessions().all());
        assertThat(restarted.size()).isEqualTo(1);

        s.expire();
        assertThat(s.touch(idle)).isEmpty();
        assertThat(s.touch(used)).isPresent();
        assertThat(stores.apiSessions().all())
                .singleElement()
                .satisfies(r -> assertThat(r.username()).isEqualTo("otto"));
    }

    @Test
    void touch_writesTheUseAtMostOncePerInterval_soASessionInUseSurvivesARestart() {
        ApiSessions s = sessions();
        String token = s.create("vera", Role.VIEWER).result();
        Instant created = now;
        now = now.plusSeconds(30);
        s.touch(token);
        assertThat(stores.apiSessions().all().get(0).lastUsed()).isEqualTo(created);
        now = now.plus(ApiSessions.TOUCH_WRITE_INTERVAL);
        s.touch(token);
        assertThat(stores.apiSessions().all().get(0).lastUsed()).isEqualTo(now);

        now = created.plus(ApiSessions.IDLE_TIMEOUT).plusSeconds(60); // idle since creation, not since the last use
        ApiSessions restarted = sessions();
        restarted.restore(stores.apiSessions().all());
        assertThat(restarted.touch(token)).isPresent();
    }

    @Test
    void remove_deletesFromTheStore() {
        ApiSessions s = sessions();
        String token = s.create("vera", Role.VIEWER).result();
        s.remove(token);
        assertThat(s.touch(token)).isEmpty();
        assertThat(stores.apiSessions().all()).isEmpty();
    }
}
