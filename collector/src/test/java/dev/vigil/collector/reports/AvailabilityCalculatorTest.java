package dev.vigil.collector.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.store.StateChange;
import dev.vigil.collector.store.StateChangeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityCalculatorTest {
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(10));
    private static final ReportRange RANGE = new ReportRange(FROM, TO, null);
    private static final String GROUP = "vrrp/eth0/IPv4/10";
    private static final Map<String, String> USUAL = Map.of(GROUP, "192.0.2.11");

    private static Instant at(int minutes) {
        return FROM.plus(Duration.ofMinutes(minutes));
    }

    private static StateChange wan(int minutes, String type, String wan) {
        return new StateChange(at(minutes), type, "wan/" + wan, null, false);
    }

    private static StateChange vrrp(int minutes, String type, String master) {
        return new StateChange(at(minutes), type, GROUP, master, false);
    }

    private static SiteAvailability compute(
            List<StateChange> before, List<StateChange> within, List<MaintenanceCalendar.Window> windows) {
        return AvailabilityCalculator.compute(
                "acme-hq", RANGE, new StateChangeStore.Changes(before, within), windows, USUAL::get, true);
    }

    @Test
    void compute_wanOutageAndFailoverWithRepair_countsDownTimeBackupTimeAndMttr() {
        SiteAvailability a = compute(
                List.of(vrrp(-60, "vrrp.master_elected", "192.0.2.11")),
                List.of(
                        wan(60, "wan.down", "wan1"),
                        wan(90, "wan.up", "wan1"),
                        vrrp(120, "vrrp.master_changed", "192.0.2.12"),
                        new StateChange(at(122), "action.executed", "router/router-b", null, false),
                        vrrp(180, "vrrp.master_changed", "192.0.2.11")),
                List.of());

        assertThat(a.measuredMs()).isEqualTo(Duration.ofHours(10).toMillis());
        // one WAN known and it was down for 30 minutes: the whole site was down then
        assertThat(a.downMs()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(a.uptimePct()).isEqualTo(95.0);
        assertThat(a.failovers()).isEqualTo(2);
        assertThat(a.backupMs()).isEqualTo(Duration.ofMinutes(60).toMillis());
        assertThat(a.repairs()).isEqualTo(1);
        // WAN outage 30 min, failover repaired by the agent in 2 min
        assertThat(a.incidents()).isEqualTo(2);
        assertThat(a.mttrMs()).isEqualTo(Duration.ofMinutes(16).toMillis());
        assertThat(a.wans()).singleElement().satisfies(w -> {
            assertThat(w.wan()).isEqualTo("wan1");
            assertThat(w.outages()).isEqualTo(1);
            assertThat(w.downMs()).isEqualTo(Duration.ofMinutes(30).toMillis());
            assertThat(w.uptimePct()).isEqualTo(95.0);
        });
    }

    @Test
    void compute_outageInsideMaintenance_isLeftOut() {
        SiteAvailability a = compute(
                List.of(),
                List.of(wan(60, "wan.down", "wan1"), wan(90, "wan.up", "wan1")),
                List.of(new MaintenanceCalendar.Window(at(50), at(110))));

        assertThat(a.maintenanceMs()).isEqualTo(Duration.ofMinutes(60).toMillis());
        assertThat(a.measuredMs()).isEqualTo(Duration.ofMinutes(540).toMillis());
        assertThat(a.downMs()).isZero();
        assertThat(a.uptimePct()).isEqualTo(100.0);
        assertThat(a.wans().get(0).outages()).isZero();
        assertThat(a.incidents()).isZero();
        assertThat(a.mttrMs()).isNull();
    }

    @Test
    void compute_wanDownBeforeTheRange_countsFromTheStart() {
        SiteAvailability a = compute(
                List.of(wan(-30, "wan.down", "wan1"), wan(-300, "wan.up", "wan2")),
                List.of(wan(60, "wan.up", "wan1")),
                List.of());

        assertThat(a.wans())
                .extracting(SiteAvailability.WanAvailability::wan, SiteAvailability.WanAvailability::downMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "wan1", Duration.ofMinutes(60).toMillis()),
                        org.assertj.core.groups.Tuple.tuple("wan2", 0L));
        // wan2 stayed up: the site was never down
        assertThat(a.downMs()).isZero();
        // the outage began before the range: not an incident of this report
        assertThat(a.incidents()).isZero();
    }

    @Test
    void compute_masterLost_isSiteDownUntilAMasterIsElected() {
        SiteAvailability a = compute(
                List.of(vrrp(-10, "vrrp.master_elected", "192.0.2.11")),
                List.of(vrrp(300, "vrrp.master_lost", null), vrrp(306, "vrrp.master_elected", "192.0.2.11")),
                List.of());

        assertThat(a.downMs()).isEqualTo(Duration.ofMinutes(6).toMillis());
        assertThat(a.incidents()).isEqualTo(1);
        assertThat(a.mttrMs()).isEqualTo(Duration.ofMinutes(6).toMillis());
        assertThat(a.failovers()).isZero();
    }

    @Test
    void compute_siteNeverStored_hasUnknownUptime() {
        SiteAvailability a = AvailabilityCalculator.compute(
                "quiet", RANGE, new StateChangeStore.Changes(List.of(), List.of()), List.of(), g -> null, false);
        assertThat(a.uptimePct()).isNull();
        assertThat(a.wans()).isEmpty();
    }
}
