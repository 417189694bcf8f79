package dev.vigil.agent.testing;

import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.run.AgentConfig;
import dev.vigil.agent.run.AgentRuntime;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The agent in a child JVM, for kill tests: {@code CONFIG EVENTS} starts the runtime from the config file, reports
 * {@code EVENTS} observations through it, prints {@code READY}, then runs until killed or stopped.
 */
public final class AgentChildMain {
    private AgentChildMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        AgentConfig config = AgentConfig.load(file, new SecretReader(Map.of(), w -> {}));
        AgentRuntime runtime = AgentRuntime.start(config, Clock.systemUTC(), file);
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        for (int i = 0; i < events; i++) {
            runtime.sink()
                    .accept(new Observation(
                            Instant.now(),
                            "check.failed",
                            Severity.WARNING,
                            "check/c" + i,
                            Json.object().put("n", i)));
        }
        System.out.println("READY " + events);
        System.out.flush();
        Thread.currentThread().join();
    }
}
