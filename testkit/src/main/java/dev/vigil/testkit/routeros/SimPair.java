package dev.vigil.testkit.routeros;

import java.util.Map;

/**
 * Two simulated routers running one VRRP instance between them, in-JVM: after every change the one with the higher
 * priority is master (preemption on, ties keep the current master), as keepalived or RouterOS would settle.
 */
public final class SimPair {
    private final SimRouter a;
    private final SimRouter b;
    private final String instance;

    private SimPair(SimRouter a, SimRouter b, String instance) {
        this.a = a;
        this.b = b;
        this.instance = instance;
    }

    public static SimPair link(SimRouter a, SimRouter b, String instance) {
        SimPair pair = new SimPair(a, b, instance);
        a.onVrrpChange(r -> pair.elect());
        b.onVrrpChange(r -> pair.elect());
        pair.elect();
        return pair;
    }

    public synchronized void elect() {
        int pa = priority(a);
        int pb = priority(b);
        boolean aMaster =
                "true".equals(a.vrrp(instance).map(m -> m.get("master")).orElse("false"));
        boolean aWins = pa > pb || (pa == pb && aMaster);
        a.setVrrpMaster(instance, aWins);
        b.setVrrpMaster(instance, !aWins);
    }

    private int priority(SimRouter router) {
        Map<String, String> item = router.vrrp(instance).orElseThrow();
        return Integer.parseInt(item.getOrDefault("priority", "100"));
    }
}
