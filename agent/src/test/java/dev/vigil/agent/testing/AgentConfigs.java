package dev.vigil.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes agent config files for tests: a broker url, an outbox under the test's directory, status on port 0. */
public final class AgentConfigs {
    private AgentConfigs() {}

    public static Path write(Path dir, String site, String brokerUrl) throws IOException {
        Path file = dir.resolve(site + ".yaml");
        Files.writeString(
                file,
                String.format(java.util.Locale.ROOT, """
                site: %s
                mqtt:
                  url: %s
                  reconnect: {min: 100ms, max: 1s}
                  metrics_interval: 1s
                outbox: {dir: %s}
                http: {listen: "127.0.0.1:0"}
                """, site, brokerUrl, dir.resolve("outbox-" + site)),
                StandardCharsets.UTF_8);
        return file;
    }
}
