package dev.vigil.testkit.lab;

import java.net.InetAddress;
import java.util.List;

/**
 * One WAN link of the lab: router leg {@code routerInterface} ({@code routerAddress}/30) to the ISP host's
 * {@code ispInterface} ({@code ispAddress}/30); the ISP host answers on {@code targets}.
 */
public record WanInfo(
        String name,
        int index,
        Router router,
        String routerInterface,
        InetAddress routerAddress,
        Host isp,
        String ispInterface,
        InetAddress ispAddress,
        List<InetAddress> targets) {
    public WanInfo {
        targets = List.copyOf(targets);
    }
}
