package dev.vigil.testkit.lab;

import com.sun.jna.LastErrorException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that live in a lab namespace. setns(2) with CLONE_NEWNET moves only the calling thread, so each thread
 * enters the namespace itself before its task runs; sockets opened there stay in that namespace for their whole
 * life, whichever thread uses them later.
 */
final class NetnsThreads {
    private static final String NETNS_DIR = "/run/netns/";

    private NetnsThreads() {}

    /** Moves the calling thread into network namespace {@code namespace} (a name under /run/netns). */
    static void enter(String namespace) {
        int fd;
        try {
            fd = LibC.INSTANCE.open(NETNS_DIR + namespace, LibC.O_RDONLY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new LabException("cannot open " + NETNS_DIR + namespace + " (errno " + e.getErrorCode() + ")", e);
        }
        try {
            LibC.INSTANCE.setns(fd, LibC.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new LabException("setns into " + namespace + " failed (errno " + e.getErrorCode() + ")", e);
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    static ThreadFactory factory(String namespace) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(
                    () -> {
                        enter(namespace);
                        task.run();
                    },
                    "netns-" + namespace + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code task} on a fresh thread inside {@code namespace} and returns its result or rethrows its failure. */
    static <T> T call(String namespace, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(() -> {
            enter(namespace);
            return task.call();
        });
        Thread thread = new Thread(future, "netns-" + namespace + "-call");
        thread.setDaemon(true);
        thread.start();
        try {
            return future.get();
        } catch (InterruptedException e) {
            thread.interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }
}
