package dev.vigil.testkit.lab;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A separate JVM holding a lab until it is killed, for the clean-up tests. Prints the lab's prefix when ready. */
public final class LabHolderMain {
    private LabHolderMain() {}

    public static void main(String[] args) throws InterruptedException {
        SiteLab lab = SiteLab.builder().advertInterval(Duration.ofMillis(300)).start();
        System.out.println("READY " + lab.prefix());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
