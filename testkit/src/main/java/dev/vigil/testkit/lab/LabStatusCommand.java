package dev.vigil.testkit.lab;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the labs on this machine: owner process, namespaces, VRRP state of each router. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "List the site labs on this machine.")
final class LabStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<LabInventory.Entry> labs = LabInventory.labs();
        if (labs.isEmpty()) {
            out.println("no site lab on this machine");
            return 0;
        }
        for (LabInventory.Entry lab : labs) {
            String owner = lab.ownerAlive()
                    ? "pid " + lab.ownerPid() + (lab.startedByLabUp() ? " (lab up)" : " (test JVM)")
                    : "pid " + lab.ownerPid() + " is gone: leftover, 'lab down' removes it";
            out.printf(Locale.ROOT, "%s  owner %s%n", lab.prefix(), owner);
            out.printf(Locale.ROOT, "  namespaces: %s%n", String.join(" ", lab.namespaces()));
            Optional<Path> dir = lab.directory();
            if (dir.isPresent()) {
                out.printf(
                        Locale.ROOT,
                        "  router A: %s, router B: %s (files in %s)%n",
                        LabInventory.readState(dir.get(), "a"),
                        LabInventory.readState(dir.get(), "b"),
                        dir.get());
            }
        }
        return 0;
    }
}
