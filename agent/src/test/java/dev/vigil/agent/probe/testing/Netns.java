package dev.vigil.agent.probe.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A network namespace this test created, with threads that live in it and commands run inside it. */
public final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int open(String path, int flags) throws LastErrorException;

        int setns(int fd, int nstype) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    public static Netns create(String role) {
        Prerequisites.requireRoot("network namespace tests");
        Prerequisites.requireCommand("ip", "iproute2");
        String name = "vp" + ProcessHandle.current().pid() % 100000 + "-" + COUNTER.incrementAndGet() + "-" + role;
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Threads that enter this namespace before running their task. */
    public ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(
                    () -> {
                        enter();
                        task.run();
                    },
                    name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void enter() {
        int fd = Libc.INSTANCE.open("/run/netns/" + name, 0);
        try {
            Libc.INSTANCE.setns(fd, 0x40000000);
        } finally {
            Libc.INSTANCE.close(fd);
        }
    }

    public String exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            run("ip", "netns", "del", name);
        } catch (IllegalStateException ignored) {
            // already gone
        }
    }
}
