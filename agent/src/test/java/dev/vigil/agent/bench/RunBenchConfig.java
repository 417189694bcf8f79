package dev.vigil.agent.bench;

import java.nio.file.Path;

/** The agent config the run benchmark uses. */
final class RunBenchConfig {
    private RunBenchConfig() {}

    static String describe() {
        return "publisher, outbox, status only (no observer configured; RunLabBench runs them in the site lab)";
    }

    static String yaml(String site, String brokerUrl, Path dir) {
        return "site: " + site + "\n"
                + "mqtt: {url: '" + brokerUrl + "', metrics_interval: 10s}\n"
                + "outbox: {dir: '" + dir.resolve("outbox") + "'}\n"
                + "http: {listen: '127.0.0.1:0'}\n";
    }
}
