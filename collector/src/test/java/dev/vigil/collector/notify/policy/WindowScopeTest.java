package dev.vigil.collector.notify.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.notify.maintenance.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What a customer's user (here: owner of {@code a-one} and {@code a-two}) may see of maintenance windows. */
class WindowScopeTest {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final Predicate<String> ALPHA = Set.of("a-one", "a-two")::contains;
    private static final Function<String, Optional<String>> ALERT_SITES = id ->
            Optional.ofNullable(Map.of("alert-a", "a-one", "alert-b", "b-one").get(id));

    private static MaintenanceWindow window(boolean all, List<String> sites, List<String> tags, String alert) {
        return new MaintenanceWindow(
                "m1", MaintenanceWindow.MAINTENANCE, all, sites, tags, alert, T, T.plusSeconds(3600), null, null, "x");
    }

    private static boolean visible(MaintenanceWindow w) {
        return WindowScope.visible(w, ALPHA, ALERT_SITES);
    }

    @Test
    void visible_ownSitesOnly_isVisible() {
        assertThat(visible(window(false, List.of("a-one", "a-two"), List.of(), null)))
                .isTrue();
    }

    @Test
    void visible_ownAndAnotherCustomersSite_isHidden() {
        assertThat(visible(window(false, List.of("a-one", "b-one"), List.of(), null)))
                .isFalse();
    }

    @Test
    void visible_tagOrAllSites_isHidden() {
        assertThat(visible(window(false, List.of(), List.of("a-tag"), null))).isFalse();
        assertThat(visible(window(true, List.of(), List.of(), null))).isFalse();
        assertThat(visible(window(false, List.of("a-one"), List.of("a-tag"), null)))
                .isFalse();
    }

    @Test
    void visible_snoozeOfAnAlert_followsTheAlertsSite() {
        assertThat(visible(window(false, List.of(), List.of(), "alert-a"))).isTrue();
        assertThat(visible(window(false, List.of(), List.of(), "alert-b"))).isFalse();
        assertThat(visible(window(false, List.of(), List.of(), "no-longer-open")))
                .isFalse();
    }
}
