package dev.vigil.agent.config;

import dev.vigil.agent.publish.MqttConfig;
import dev.vigil.agent.publish.OutboxConfig;
import dev.vigil.agent.status.HttpConfig;
import dev.vigil.protocol.Topics;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * The whole agent config file, one section per part of the agent (see docs/agent-config.md). Parsing reports every
 * problem of every section at once; {@code run} refuses to start with any.
 *
 * @param site the site id, used in topics and the MQTT client id
 */
public record AgentConfig(String site, MqttConfig mqtt, OutboxConfig outbox, HttpConfig http) {

    /** Top-level keys this build understands. */
    static final String[] SECTIONS = {"site", "mqtt", "outbox", "http"};

    /** Parses with secrets from the process environment; secret-file warnings go to the log. */
    public static AgentConfig parse(ConfigNode root) {
        System.Logger log = System.getLogger(AgentConfig.class.getName());
        return parse(root, new SecretReader(System.getenv(), w -> log.log(Level.WARNING, w)));
    }

    public static AgentConfig parse(ConfigNode root, SecretReader secrets) {
        root.allowOnly(SECTIONS);
        String site = root.requiredString("site");
        if (site != null && !Topics.isSiteId(site)) {
            root.problem(
                    "site", site, "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            site = null;
        }
        MqttConfig mqtt = MqttConfig.parse(root.child("mqtt"), site == null ? "unnamed" : site, secrets);
        OutboxConfig outbox = OutboxConfig.parse(root.child("outbox"));
        HttpConfig http = HttpConfig.parse(root.child("http"));
        return new AgentConfig(site, mqtt, outbox, http);
    }

    /** Reads and validates a file; the exception lists every problem with the file name. */
    public static AgentConfig load(Path file, SecretReader secrets) throws ConfigInvalidException {
        return ConfigFile.parse(file, root -> parse(root, secrets));
    }
}
