package dev.vigil.testkit.lab;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Stops running {@code lab up} processes (SIGTERM: their shutdown hook removes the lab) and removes leftovers of
 * dead ones. Labs of running test JVMs are left alone unless --force.
 */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Remove site labs started by 'lab up' and" + " leftovers of killed runs.")
final class LabDownCommand implements Callable<Integer> {
    private static final Duration GRACE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Option(names = "--force", description = "also remove labs owned by running test JVMs")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "PREFIX", description = "only these labs (e.g. vgl4242x1-); default all")
    List<String> only = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Shell shell = new Shell(Path.of(System.getProperty("java.io.tmpdir")));
        int removed = 0;
        for (LabInventory.Entry lab : LabInventory.labs()) {
            if (!only.isEmpty() && !only.contains(lab.prefix())) {
                continue;
            }
            if (lab.ownerAlive() && lab.startedByLabUp()) {
                out.println("stopping lab up (pid " + lab.ownerPid() + ") of " + lab.prefix());
                LibC.signal(lab.ownerPid(), LibC.SIGTERM);
                if (!Poll.until(() -> LabJanitor.namespaces(lab.prefix()).isEmpty(), GRACE)) {
                    LabJanitor.destroyNamespaces(shell, LabJanitor.namespaces(lab.prefix()));
                }
            } else if (lab.ownerAlive() && !force) {
                out.println(
                        "left alone: " + lab.prefix() + " belongs to running pid " + lab.ownerPid() + " (use --force)");
                continue;
            } else {
                out.println("removing " + lab.prefix() + (lab.ownerAlive() ? " (forced)" : " (owner gone)"));
                LabJanitor.destroyNamespaces(shell, lab.namespaces());
                lab.directory().ifPresent(LabJanitor::deleteTree);
            }
            removed++;
        }
        List<String> left = LabJanitor.namespaces("vgl");
        out.println(removed + " lab(s) removed" + (left.isEmpty() ? "" : "; still there: " + left));
        return 0;
    }
}
