package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collector.testing.H2AndPostgresStores;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The channel store and the delivery log on H2 and on Debian's PostgreSQL. */
class NotifyStoresTest extends H2AndPostgresStores {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    @ParameterizedTest(autoCloseArguments = false) // the stores live for the class
    @MethodSource("stores")
    void channels_insertListDelete_roundTripWithQuietHours(Stores s) {
        ChannelRecord quiet = new ChannelRecord(
                "ch_q" + s.dialect(),
                "night-" + s.dialect(),
                "ntfy://h/t",
                "22:00",
                "07:00",
                "Europe/Paris",
                false,
                T0);
        ChannelRecord plain = new ChannelRecord(
                "ch_p" + s.dialect(), "always-" + s.dialect(), "mailto://example.com", null, null, null, true, T0);
        s.channels().insert(quiet);
        s.channels().insert(plain);

        assertThat(s.channels().all()).contains(quiet, plain);
        assertThatThrownBy(() -> s.channels()
                        .insert(new ChannelRecord("ch_other", quiet.name(), "ntfy://h/x", null, null, null, true, T0)))
                .isInstanceOf(StoreException.class);
        assertThat(s.channels().delete(quiet.id())).isTrue();
        assertThat(s.channels().delete(quiet.id())).isFalse();
        assertThat(s.channels().all()).doesNotContain(quiet).contains(plain);
    }

    @ParameterizedTest(autoCloseArguments = false) // the stores live for the class
    @MethodSource("stores")
    void deliveries_filteredByAlertAndChannel_newestFirstWithinLimit(Stores s) {
        String ch = "ch_d" + s.dialect();
        for (int i = 1; i <= 4; i++) {
            s.deliveries()
                    .record(new DeliveryRecord(
                            0,
                            ch,
                            "oncall",
                            i <= 2 ? "A1" : "A2",
                            "acme-hq",
                            "alert",
                            i,
                            "retrying",
                            "HTTP 500 x".repeat(i == 4 ? 60 : 1),
                            T0.plusSeconds(i)));
        }
        s.deliveries()
                .record(new DeliveryRecord(0, "ch_else", "mail", "A1", null, "test", 1, "delivered", "SMTP 250", T0));

        List<DeliveryRecord> a1 = s.deliveries().list("A1", ch, 10);
        assertThat(a1).extracting(DeliveryRecord::attempt).containsExactly(2, 1);
        assertThat(a1.get(0).id()).isGreaterThan(a1.get(1).id());
        assertThat(a1.get(0).at()).isEqualTo(T0.plusSeconds(2));
        assertThat(s.deliveries().list(null, ch, 3))
                .extracting(DeliveryRecord::attempt)
                .containsExactly(4, 3, 2);
        assertThat(s.deliveries().list(null, ch, 1).get(0).detail()).hasSize(400);
        assertThat(s.deliveries().list("A1", null, 10)).hasSize(3);
        assertThat(s.deliveries().purgeBefore(T0.plusSeconds(3))).isEqualTo(3);
        assertThat(s.deliveries().list(null, ch, 10))
                .extracting(DeliveryRecord::attempt)
                .containsExactly(4, 3);
    }
}
