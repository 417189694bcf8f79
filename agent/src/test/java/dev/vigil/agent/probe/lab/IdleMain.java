package dev.vigil.agent.probe.lab;

import java.util.concurrent.CountDownLatch;

/** The cost baseline: a JVM with the agent's class path that loads nothing and waits forever. */
public final class IdleMain {
    private IdleMain() {}

    public static void main(String[] args) throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
