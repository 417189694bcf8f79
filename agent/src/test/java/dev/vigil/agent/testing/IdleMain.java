package dev.vigil.agent.testing;

/** A JVM that does nothing until killed: the footprint baseline for the run benchmark. */
public final class IdleMain {
    private IdleMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
