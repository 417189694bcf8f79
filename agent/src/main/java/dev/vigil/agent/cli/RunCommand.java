package dev.vigil.agent.cli;

import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.run.AgentConfig;
import dev.vigil.agent.run.AgentRuntime;
import dev.vigil.agent.run.StartupFootprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs the site agent from a config file until stopped (SIGTERM or Ctrl-C stop it cleanly).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            defaultValue = PlainRunArguments.DEFAULT_CONFIG,
            description = "The agent config file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        return run(config, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command itself, also entered without picocli by {@link AgentMain} for a plain {@code run}. */
    static int run(Path config, PrintWriter out, PrintWriter err) throws InterruptedException {
        AgentConfig agentConfig;
        try {
            agentConfig =
                    AgentConfig.load(config, new SecretReader(System.getenv(), w -> err.println("warning: " + w)));
        } catch (ConfigInvalidException e) {
            err.println(e.getMessage());
            err.println("vigil-agent: not started; fix the config (vigil-agent check-config " + config + ")");
            err.flush();
            return 1;
        }
        AgentRuntime runtime;
        try {
            runtime = AgentRuntime.start(agentConfig, Clock.systemUTC(), config);
        } catch (IOException | RuntimeException e) {
            err.println("vigil-agent: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            runtime.close();
                            stopped.countDown();
                        },
                        "vigil-agent-shutdown"));
        out.println("vigil-agent: site " + agentConfig.site() + " running, publishing to "
                + agentConfig.mqtt().url()
                + runtime.statusAddress()
                        .map(a -> "; status on http://" + a.getHostString() + ":" + a.getPort())
                        .orElse(""));
        out.flush();
        StartupFootprint.release();
        stopped.await();
        return 0;
    }
}
