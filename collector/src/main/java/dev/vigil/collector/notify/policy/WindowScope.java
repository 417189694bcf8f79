package dev.vigil.collector.notify.policy;

import dev.vigil.collector.notify.maintenance.MaintenanceWindow;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which maintenance windows and snoozes a customer's user may see and change (docs/security.md): only those that
 * name sites, or one alert, of that customer alone. Windows over tags or all sites are the MSP's.
 */
final class WindowScope {
    private WindowScope() {}

    /**
     * @param canSee whether the caller may see a site
     * @param alertSite the site of an open alert, empty when it is not open (or unknown)
     */
    static boolean visible(
            MaintenanceWindow w, Predicate<String> canSee, Function<String, Optional<String>> alertSite) {
        if (w.all() || !w.tags().isEmpty()) {
            return false;
        }
        if (w.sites().isEmpty() && w.alertId() == null) {
            return false;
        }
        if (!w.sites().stream().allMatch(canSee)) {
            return false;
        }
        return w.alertId() == null
                || alertSite.apply(w.alertId()).filter(canSee).isPresent();
    }
}
