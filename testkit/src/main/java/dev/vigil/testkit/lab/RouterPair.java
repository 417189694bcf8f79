package dev.vigil.testkit.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The two keepalived routers of a lab and what can be said about both together: who is master, has it settled. */
final class RouterPair {
    private final Map<Router, KeepalivedRouter> routers = new EnumMap<>(Router.class);
    private final boolean ipv6;

    RouterPair(LabPlan plan, Path dir, Shell shell) {
        this.ipv6 = plan.config().ipv6();
        for (Router r : Router.values()) {
            Path routerDir = dir.resolve("router-" + r.name().toLowerCase(Locale.ROOT));
            routers.put(r, new KeepalivedRouter(r, plan.config(), plan.namespace(r.host()), routerDir, shell));
        }
    }

    KeepalivedRouter get(Router router) {
        return routers.get(router);
    }

    void closeNotifications() {
        routers.values().forEach(KeepalivedRouter::closeNotifications);
    }

    void startBoth() {
        routers.values().forEach(KeepalivedRouter::start);
    }

    Optional<Router> master() {
        List<Router> masters = new ArrayList<>();
        routers.forEach((r, k) -> {
            if (k.running() && "MASTER".equals(k.state(KeepalivedConfig.INSTANCE_V4))) {
                masters.add(r);
            }
        });
        return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
    }

    /** The router that must win with the current priorities: the higher one; on a tie the higher address, B. */
    Router expectedMaster() {
        return get(Router.A).priority() > get(Router.B).priority() ? Router.A : Router.B;
    }

    boolean settled() {
        Router winner = expectedMaster();
        Router loser = winner == Router.A ? Router.B : Router.A;
        return settled(KeepalivedConfig.INSTANCE_V4, winner, loser)
                && (!ipv6 || settled(KeepalivedConfig.INSTANCE_V6, winner, loser));
    }

    void awaitSettled(Duration timeout) {
        if (!Poll.until(this::settled, timeout)) {
            StringBuilder logs = new StringBuilder();
            routers.forEach((r, k) -> logs.append("\n--- router ")
                    .append(r)
                    .append(" (")
                    .append(k.state(KeepalivedConfig.INSTANCE_V4))
                    .append(", priority ")
                    .append(k.priority())
                    .append(")\n")
                    .append(k.logTail()));
            throw new LabException("VRRP election did not settle within " + timeout + ": expected " + expectedMaster()
                    + " MASTER and the other BACKUP" + logs);
        }
    }

    private boolean settled(String instance, Router winner, Router loser) {
        return "MASTER".equals(get(winner).state(instance))
                && "BACKUP".equals(get(loser).state(instance));
    }
}
