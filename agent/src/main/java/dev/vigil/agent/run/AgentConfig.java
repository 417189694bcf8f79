package dev.vigil.agent.run;

import dev.vigil.agent.backup.ConfigBackupConfig;
import dev.vigil.agent.command.CommandsConfig;
import dev.vigil.agent.config.ConfigFile;
import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.NamedInputs;
import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.policy.PolicyConfig;
import dev.vigil.agent.probe.ProbeConfig;
import dev.vigil.agent.publish.MqttConfig;
import dev.vigil.agent.publish.OutboxConfig;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RoutersConfig;
import dev.vigil.agent.status.HttpConfig;
import dev.vigil.agent.vrrp.VrrpConfig;
import dev.vigil.protocol.Topics;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole agent config file, one section per part of the agent (see docs/agent-config.md). Parsing reports every
 * problem of every section at once; {@code run} refuses to start with any.
 *
 * @param site the site id, used in topics and the MQTT client id
 */
public record AgentConfig(
        String site,
        VrrpConfig vrrp,
        ProbeConfig probes,
        RoutersConfig routers,
        PolicyConfig policy,
        Map<String, String> wanRouters,
        MqttConfig mqtt,
        OutboxConfig outbox,
        HttpConfig http,
        CommandsConfig commands,
        ConfigBackupConfig configBackup) {

    /** Top-level keys this build understands. */
    static final String[] SECTIONS = {
        "site", "vrrp", "wans", "checks", "routers", "policy", "mqtt", "outbox", "http", "commands", "config_backup"
    };

    public AgentConfig {
        wanRouters = Map.copyOf(wanRouters);
    }

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
        VrrpConfig vrrp = VrrpConfig.parse(root.child("vrrp"));
        ProbeConfig probes = ProbeConfig.parseForThisHost(root);
        RoutersConfig routers = RoutersConfig.parse(root, secrets);
        PolicyConfig policy = PolicyConfig.parse(root.child("policy"));
        Map<String, String> wanRouters = PolicyConfig.wanRouters(root);
        checkWanRouters(root, routers);
        MqttConfig mqtt = MqttConfig.parse(root.child("mqtt"), site == null ? "unnamed" : site, secrets);
        OutboxConfig outbox = OutboxConfig.parse(root.child("outbox"));
        HttpConfig http = HttpConfig.parse(root.child("http"));
        CommandsConfig commands = CommandsConfig.parse(root.child("commands"), outbox.dir());
        ConfigBackupConfig configBackup = ConfigBackupConfig.parse(root.child("config_backup"));
        return new AgentConfig(
                site, vrrp, probes, routers, policy, wanRouters, mqtt, outbox, http, commands, configBackup);
    }

    /** {@code wans[].router} must name a router of the {@code routers} section. */
    private static void checkWanRouters(ConfigNode root, RoutersConfig routers) {
        for (ConfigNode wan : root.list("wans")) {
            String router = wan.child("router").text();
            if (router != null && routers.router(router).isEmpty()) {
                String known = routers.routers().stream()
                        .map(RouterConfig::name)
                        .toList()
                        .toString();
                wan.problem("router", router, "names no router of the routers section (configured: " + known + ")");
            }
        }
    }

    /** Reads and validates a file; the exception lists every problem with the file name. */
    public static AgentConfig load(Path file, SecretReader secrets) throws ConfigInvalidException {
        return load(file, secrets, NamedInputs.read());
    }

    /** As {@link #load(Path, SecretReader)}; with {@link NamedInputs#listOnly()} no secret or file is opened. */
    public static AgentConfig load(Path file, SecretReader secrets, NamedInputs inputs) throws ConfigInvalidException {
        return ConfigFile.parse(file, inputs, root -> parse(root, secrets));
    }
}
