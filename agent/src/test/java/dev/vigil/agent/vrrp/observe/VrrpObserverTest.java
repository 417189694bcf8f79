package dev.vigil.agent.vrrp.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.decode.Advert;
import dev.vigil.agent.vrrp.decode.ChecksumForm;
import dev.vigil.agent.vrrp.decode.Family;
import dev.vigil.agent.vrrp.decode.Rejection;
import dev.vigil.agent.vrrp.decode.Rejection.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic adverts on a fake timeline (milliseconds from T0); no sleeps, no clock. */
class VrrpObserverTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String A = "192.0.2.11";
    private static final String B = "192.0.2.12";

    private final List<Observation> events = new ArrayList<>();
    private final VrrpObserver observer = new VrrpObserver(ObserverSettings.DEFAULTS, events::add);

    private static Advert advert(long ms, String source, int priority, int intervalCs) {
        return advert(ms, source, priority, intervalCs, List.of("192.0.2.1"));
    }

    private static Advert advert(long ms, String source, int priority, int intervalCs, List<String> addresses) {
        return new Advert(
                T0.plusMillis(ms),
                null,
                null,
                Family.IPv4,
                source,
                "224.0.0.18",
                true,
                255,
                3,
                1,
                10,
                priority,
                intervalCs,
                "-",
                addresses,
                ChecksumForm.PSEUDO);
    }

    /** {@code source} advertises every {@code intervalMs} from {@code fromMs} (inclusive) to {@code toMs} (exclusive). */
    private void adverts(String source, int priority, long fromMs, long toMs, int intervalMs) {
        for (long t = fromMs; t < toMs; t += intervalMs) {
            observer.accept("eth0", advert(t, source, priority, intervalMs / 10));
        }
    }

    private List<String> types() {
        return events.stream().map(Observation::type).toList();
    }

    private Observation last(String type) {
        return events.stream()
                .filter(e -> e.type().equals(type))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void firstAdvert_noMaster_masterElectedWithIntervalAndAddresses() {
        observer.accept("eth0", advert(0, A, 150, 100));

        assertThat(types()).containsExactly("vrrp.master_elected");
        Observation e = events.get(0);
        assertThat(e.subject()).isEqualTo("vrrp/eth0/IPv4/10");
        assertThat(e.data().get("master").asText()).isEqualTo(A);
        assertThat(e.data().get("interval_ms").asInt()).isEqualTo(1000);
        assertThat(e.data().get("addresses").get(0).asText()).isEqualTo("192.0.2.1");
        assertThat(e.data().get("interface").asText()).isEqualTo("eth0");
    }

    @Test
    void higherPriorityAppears_masterAlive_preemptionWithGap() {
        adverts(B, 100, 0, 5000, 1000);
        observer.accept("eth0", advert(4300, A, 150, 100));

        Observation e = last("vrrp.master_changed");
        assertThat(e.data().get("cause").asText()).isEqualTo("preemption");
        assertThat(e.data().get("master").asText()).isEqualTo(A);
        assertThat(e.data().get("previous").asText()).isEqualTo(B);
        assertThat(e.data().get("gap_ms").asLong()).isEqualTo(300);
        assertThat(e.time()).isEqualTo(T0.plusMillis(4300));
    }

    @Test
    void masterSendsPriorityZero_backupAppears_resignation() {
        adverts(A, 150, 0, 3000, 1000);
        observer.accept("eth0", advert(3000, A, 0, 100));
        observer.accept("eth0", advert(3600, B, 100, 100));

        Observation e = last("vrrp.master_changed");
        assertThat(e.data().get("cause").asText()).isEqualTo("resignation");
        assertThat(e.data().get("gap_ms").asLong()).isEqualTo(600);
        assertThat(types()).doesNotContain("vrrp.master_lost", "vrrp.priority_changed");
    }

    @Test
    void masterSilent_tickPastMasterDown_masterLostThenSilenceChange() {
        adverts(A, 150, 0, 3000, 1000); // last advert at 2000
        observer.tick(T0.plusMillis(2000 + 3007));
        assertThat(types()).containsExactly("vrrp.master_elected");

        observer.tick(T0.plusMillis(2000 + 3009));
        Observation lost = last("vrrp.master_lost");
        assertThat(lost.data().get("previous").asText()).isEqualTo(A);
        assertThat(lost.data().get("master_down_ms").asLong()).isEqualTo(3008);

        observer.accept("eth0", advert(2000 + 3609, B, 100, 100));
        Observation changed = last("vrrp.master_changed");
        assertThat(changed.data().get("cause").asText()).isEqualTo("silence");
        assertThat(changed.data().get("gap_ms").asLong()).isEqualTo(3609);
        assertThat(types()).containsExactly("vrrp.master_elected", "vrrp.master_lost", "vrrp.master_changed");
    }

    @Test
    void backupAdvertsWithoutTick_masterDownPassed_lostEmittedBeforeChange() {
        adverts(A, 150, 0, 1000, 1000);
        observer.accept("eth0", advert(3700, B, 100, 100));

        assertThat(types()).containsExactly("vrrp.master_elected", "vrrp.master_lost", "vrrp.master_changed");
    }

    @Test
    void twoSourcesKeepAdvertising_moreThanOneInterval_splitBrainThenCleared() {
        adverts(A, 150, 0, 3000, 1000);
        for (long t = 3000; t < 6000; t += 1000) {
            observer.accept("eth0", advert(t, A, 150, 100));
            observer.accept("eth0", advert(t + 400, B, 100, 100));
        }
        assertThat(types()).contains("vrrp.split_brain").doesNotContain("vrrp.master_changed");
        assertThat(last("vrrp.split_brain").data().get("sources")).hasSize(2);

        adverts(A, 150, 6000, 9000, 1000);
        observer.tick(T0.plusMillis(9000));
        Observation cleared = last("vrrp.split_brain_cleared");
        assertThat(cleared.data().get("duration_ms").asLong()).isPositive();
        assertThat(observer.groups().get(0).state()).isEqualTo("master");
    }

    @Test
    void preemptionWithOneOverlappingAdvert_noSplitBrain() {
        adverts(B, 100, 0, 5000, 1000);
        observer.accept("eth0", advert(4300, A, 150, 100));
        observer.accept("eth0", advert(4310, B, 100, 100));
        adverts(A, 150, 5300, 9300, 1000);
        observer.tick(T0.plusMillis(9300));

        assertThat(types()).doesNotContain("vrrp.split_brain");
    }

    @Test
    void masterChangesPriority_priorityChanged() {
        adverts(A, 150, 0, 2000, 1000);
        observer.accept("eth0", advert(2000, A, 50, 100));

        Observation e = last("vrrp.priority_changed");
        assertThat(e.data().get("priority").asInt()).isEqualTo(50);
        assertThat(e.data().get("previous_priority").asInt()).isEqualTo(150);
    }

    @Test
    void speakersDisagreeOnInterval_configMismatchOnce() {
        observer.accept("eth0", advert(0, A, 150, 100));
        observer.accept("eth0", advert(100, B, 100, 200));
        observer.accept("eth0", advert(1000, A, 150, 100));
        observer.accept("eth0", advert(2100, B, 100, 200));

        assertThat(types().stream().filter("vrrp.config_mismatch"::equals)).hasSize(1);
        Observation e = last("vrrp.config_mismatch");
        assertThat(e.data().get("field").asText()).isEqualTo("interval");
        assertThat(e.data().get("values").get(A).asInt()).isEqualTo(1000);
        assertThat(e.data().get("values").get(B).asInt()).isEqualTo(2000);
    }

    @Test
    void speakersDisagreeOnAddresses_configMismatch() {
        observer.accept("eth0", advert(0, A, 150, 100, List.of("192.0.2.1")));
        observer.accept("eth0", advert(10, B, 100, 100, List.of("192.0.2.2")));

        assertThat(last("vrrp.config_mismatch").data().get("field").asText()).isEqualTo("addresses");
    }

    @Test
    void manyChangesInWindow_flappingOnce() {
        long t = 0;
        for (int i = 0; i < 6; i++) {
            String who = i % 2 == 0 ? A : B;
            String other = i % 2 == 0 ? B : A;
            observer.accept("eth0", advert(t, who, 150, 100));
            observer.accept("eth0", advert(t + 100, who, 0, 100));
            t += 200;
            observer.accept("eth0", advert(t, other, 150, 100));
            t += 200;
        }

        assertThat(types().stream().filter("vrrp.flapping"::equals)).hasSize(1);
        assertThat(last("vrrp.flapping").data().get("window_s").asLong()).isEqualTo(60);
    }

    @Test
    void rejectionsBurst_invalidRateLimitedWithCount() {
        for (int i = 0; i < 50; i++) {
            observer.accept(
                    "eth0",
                    new Rejection(
                            T0.plusMillis(i * 100L), Reason.BAD_TTL, "TTL 64, must be 255", Family.IPv4, A, 10, null));
        }
        observer.tick(T0.plusSeconds(11));

        List<Observation> invalid =
                events.stream().filter(e -> e.type().equals("vrrp.invalid")).toList();
        assertThat(invalid).hasSize(2);
        assertThat(invalid.get(0).data().get("count").asInt()).isEqualTo(1);
        assertThat(invalid.get(1).data().get("count").asInt()).isEqualTo(49);
        assertThat(invalid.get(1).data().get("reason").asText()).isEqualTo("bad_ttl");
        assertThat(observer.counters().rejected()).containsEntry(Reason.BAD_TTL, 50L);
    }

    @Test
    void notVrrpFrames_countedButNeverReported() {
        observer.accept("eth0", new Rejection(T0, Reason.NOT_VRRP, "ethertype 0x806", null, null, null, null));

        assertThat(events).isEmpty();
        assertThat(observer.counters().rejected()).containsEntry(Reason.NOT_VRRP, 1L);
    }

    @Test
    void vlanAndVrid_keySeparateGroups() {
        observer.accept("eth0", advert(0, A, 150, 100));
        observer.accept("eth1", advert(0, B, 100, 100));

        assertThat(observer.groups()).hasSize(2);
        assertThat(types()).containsExactly("vrrp.master_elected", "vrrp.master_elected");
    }

    @Test
    void manyRandomSources_oneGroupNoException() {
        for (int i = 0; i < 1000; i++) {
            observer.accept("eth0", advert(i, "198.51.100." + (i % 250), 1 + i % 254, 100));
        }
        assertThat(observer.groups()).hasSize(1);
    }
}
