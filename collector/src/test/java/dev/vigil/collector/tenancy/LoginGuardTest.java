package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The throttle's arithmetic and the lockout against an H2 store, on a fake clock. */
class LoginGuardTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Stores stores = Stores.open("jdbc:h2:mem:guard-" + System.nanoTime(), null, null);
    private final AuthLog log = new AuthLog(stores.tenancy(), clock);
    private final LoginGuard guard = new LoginGuard(new LoginThrottle(clock), log, new Counters());

    @AfterEach
    void close() {
        stores.close();
    }

    @ParameterizedTest
    @CsvSource({"1,0", "5,0", "6,1", "7,2", "8,4", "15,512", "16,900", "1000,900"})
    void delay_afterFailures_growsByDoublingUpToFifteenMinutes(int failures, long seconds) {
        assertThat(LoginThrottle.delay(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void failures_fromManyAddresses_lockTheAccount_andAnAdminLiftsIt() {
        for (int i = 0; i < LoginGuard.LOCKOUT_AFTER; i++) {
            assertThat(guard.check("http", "alice", "192.0.2." + i)).isEmpty();
            guard.failed("http", "alice", "192.0.2." + i);
            if (i < LoginGuard.LOCKOUT_AFTER - 1) {
                clock.advance(LoginThrottle.delay(i + 1));
            }
        }
        assertThat(guard.check("http", "alice", "198.51.100.1")).hasValue(Duration.ofSeconds(16));
        assertThat(guard.lockouts())
                .singleElement()
                .satisfies(w -> assertThat(w.key()).isEqualTo("alice"));
        assertThat(log.recent(10)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("lockout");
            assertThat(e.subject()).isEqualTo("alice");
            assertThat(e.source()).isEqualTo("192.0.2.9");
        });

        clock.advance(Duration.ofSeconds(3));
        assertThat(guard.lift("alice", "root")).isTrue();
        assertThat(guard.check("http", "alice", "198.51.100.1")).isEmpty();
        assertThat(guard.lockouts()).isEmpty();
        assertThat(log.recent(10).get(0).kind()).isEqualTo("lockout_lifted");
        assertThat(log.recent(10).get(0).actor()).isEqualTo("root");
    }

    @Test
    void waiting_endsAfterTheDelay_andOldFailuresAreForgotten() {
        for (int i = 0; i < 6; i++) {
            guard.failed("mqtt", "bob", "192.0.2.1");
        }
        assertThat(guard.check("mqtt", "bob", "192.0.2.1")).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(guard.check("mqtt", "bob", "192.0.2.1")).hasValue(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.check("mqtt", "bob", "192.0.2.1")).isEmpty();
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        guard.failed("mqtt", "bob", "192.0.2.1");
        assertThat(guard.check("mqtt", "bob", "192.0.2.1"))
                .as("counting starts again")
                .isEmpty();
    }

    @Test
    void failures_forNamesThatCannotBeAccounts_countOnlyForTheAddress() {
        String huge = "x".repeat(60_000);
        for (int i = 0; i < 20; i++) {
            guard.failed("http", huge, "192.0.2." + i);
        }
        assertThat(guard.check("http", huge, "198.51.100.1")).isEmpty();
        assertThat(guard.lockouts()).isEmpty();
    }

    @Test
    void failure_withoutAccount_throttlesOnlyTheAddress() {
        for (int i = 0; i < 20; i++) {
            guard.failed("mqtt", null, "192.0.2.1");
        }
        assertThat(guard.check("mqtt", "acme", "192.0.2.1")).isPresent();
        assertThat(guard.check("mqtt", "acme", "192.0.2.2")).isEmpty();
        assertThat(guard.lockouts()).isEmpty();
    }
}
