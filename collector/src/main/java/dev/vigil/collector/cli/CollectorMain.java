package dev.vigil.collector.cli;

import dev.vigil.collector.app.CollectorApp;
import dev.vigil.collector.app.StartupException;
import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.config.ConfigException;
import dev.vigil.collector.config.Durations;
import dev.vigil.collector.config.HttpTls;
import dev.vigil.collector.config.MqttTls;
import dev.vigil.collector.configs.ConfigRetention;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of {@code vigil-collector.jar}: without a subcommand it runs the collector. */
@Command(
        name = "vigil-collector",
        mixinStandardHelpOptions = true,
        description = "The MSP side of Vigil: MQTT ingest, storage, alerts, API and dashboard.",
        subcommands = {
            SitesCommand.class,
            UsersCommand.class,
            CustomersCommand.class,
            CommandKeyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CollectorMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SsoOptions sso;

    @Option(
            names = "--mqtt-host",
            defaultValue = "${env:VIGIL_MQTT_HOST:-0.0.0.0}",
            description = "MQTT bind address (env VIGIL_MQTT_HOST, default ${DEFAULT-VALUE}).")
    String mqttHost;

    @Option(
            names = "--mqtt-port",
            defaultValue = "${env:VIGIL_MQTT_PORT:-1883}",
            description = "Embedded MQTT port, 0 = any free port (env VIGIL_MQTT_PORT, default ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(
            names = "--http-host",
            defaultValue = "${env:VIGIL_HTTP_HOST:-0.0.0.0}",
            description = "HTTP bind address (env VIGIL_HTTP_HOST, default ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(
            names = "--http-port",
            defaultValue = "${env:VIGIL_HTTP_PORT:-8080}",
            description =
                    "HTTP port for API and dashboard, 0 = any free port (env VIGIL_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--topic-prefix",
            defaultValue = "${env:VIGIL_TOPIC_PREFIX:-vigil/v1}",
            description = "MQTT topic prefix (env VIGIL_TOPIC_PREFIX, default ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(
            names = "--broker",
            defaultValue = "${env:VIGIL_BROKER}",
            description = "External broker tcp://host:port instead of the embedded endpoint (env VIGIL_BROKER).")
    String broker;

    @Option(
            names = "--broker-user",
            defaultValue = "${env:VIGIL_BROKER_USER}",
            description = "User at the external broker (env VIGIL_BROKER_USER).")
    String brokerUser;

    @Option(
            names = "--broker-password",
            defaultValue = "${env:VIGIL_BROKER_PASSWORD}",
            description = "Password at the external broker (prefer env VIGIL_BROKER_PASSWORD).")
    String brokerPassword;

    @Option(
            names = "--broker-client-id",
            defaultValue = "${env:VIGIL_BROKER_CLIENT_ID}",
            description =
                    "Client id at the external broker; stable ids keep the session across restarts (env VIGIL_BROKER_CLIENT_ID).")
    String brokerClientId;

    @Option(
            names = "--silence-timeout",
            defaultValue = "${env:VIGIL_SILENCE_TIMEOUT:-120s}",
            description =
                    "A site silent this long counts as offline (env VIGIL_SILENCE_TIMEOUT, default ${DEFAULT-VALUE}).")
    String silenceTimeout;

    @Option(
            names = "--retention",
            defaultValue = "${env:VIGIL_RETENTION:-90d}",
            description =
                    "Keep events and metrics this long, 0s = forever (env VIGIL_RETENTION, default ${DEFAULT-VALUE}).")
    String retention;

    @Option(
            names = "--public-url",
            defaultValue = "${env:VIGIL_PUBLIC_URL}",
            description = "Dashboard URL used for links in alerts (env VIGIL_PUBLIC_URL).")
    String publicUrl;

    @Option(
            names = "--webhook",
            defaultValue = "${env:VIGIL_WEBHOOK}",
            description = "POST every alert change as JSON to this URL (env VIGIL_WEBHOOK).")
    String webhook;

    @Option(
            names = "--home-assistant-discovery",
            defaultValue = "${env:VIGIL_HOME_ASSISTANT_DISCOVERY}",
            description = "Publish Home Assistant MQTT discovery under this prefix, usually homeassistant; off when"
                    + " not given (env VIGIL_HOME_ASSISTANT_DISCOVERY).")
    String homeAssistantDiscovery;

    @Option(
            names = "--mqtt-tls-port",
            defaultValue = "${env:VIGIL_MQTT_TLS_PORT:-8883}",
            description = "MQTT over TLS port, used with --mqtt-tls-cert/--mqtt-tls-key (env VIGIL_MQTT_TLS_PORT,"
                    + " default ${DEFAULT-VALUE}).")
    int mqttTlsPort;

    @Option(
            names = "--mqtt-tls-cert",
            defaultValue = "${env:VIGIL_MQTT_TLS_CERT}",
            description = "PEM certificate chain for MQTT over TLS (env VIGIL_MQTT_TLS_CERT).")
    Path mqttTlsCert;

    @Option(
            names = "--mqtt-tls-key",
            defaultValue = "${env:VIGIL_MQTT_TLS_KEY}",
            description = "PEM private key for MQTT over TLS (env VIGIL_MQTT_TLS_KEY).")
    Path mqttTlsKey;

    @Option(
            names = "--https-port",
            defaultValue = "${env:VIGIL_HTTPS_PORT:-8443}",
            description = "HTTPS port of the API and dashboard, used with --https-cert/--https-key"
                    + " (env VIGIL_HTTPS_PORT, default ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(
            names = "--https-cert",
            defaultValue = "${env:VIGIL_HTTPS_CERT}",
            description = "PEM certificate chain for HTTPS (env VIGIL_HTTPS_CERT).")
    Path httpsCert;

    @Option(
            names = "--https-key",
            defaultValue = "${env:VIGIL_HTTPS_KEY}",
            description = "PEM private key for HTTPS (env VIGIL_HTTPS_KEY).")
    Path httpsKey;

    @Option(
            names = "--totp-required-roles",
            defaultValue = "${env:VIGIL_TOTP_REQUIRED_ROLES}",
            split = ",",
            description = "Roles whose users must turn on two-factor sign-in (TOTP), e.g. admin,operator"
                    + " (env VIGIL_TOTP_REQUIRED_ROLES).")
    java.util.List<String> totpRequiredRoles;

    @Option(
            names = "--mqtt-connect-deadline",
            defaultValue = "${env:VIGIL_MQTT_CONNECT_DEADLINE:-10s}",
            description = "Close an MQTT connection whose CONNECT is not complete this long after it opened"
                    + " (env VIGIL_MQTT_CONNECT_DEADLINE, default ${DEFAULT-VALUE}).")
    String mqttConnectDeadline;

    @Option(
            names = "--mqtt-session-expiry",
            defaultValue = "${env:VIGIL_MQTT_SESSION_EXPIRY:-7d}",
            description = "Keep a persistent MQTT session this long after its client went away"
                    + " (env VIGIL_MQTT_SESSION_EXPIRY, default ${DEFAULT-VALUE}).")
    String mqttSessionExpiry;

    @Option(
            names = "--config-versions",
            defaultValue = "${env:VIGIL_CONFIG_VERSIONS:-100}",
            description = "Keep at most this many configuration versions per router, 0 = no limit"
                    + " (env VIGIL_CONFIG_VERSIONS, default ${DEFAULT-VALUE}).")
    int configVersions;

    @Option(
            names = "--config-max-age",
            defaultValue = "${env:VIGIL_CONFIG_MAX_AGE:-0s}",
            description = "Delete configuration versions last confirmed longer ago than this, 0s = no limit; the"
                    + " latest version of a router always stays (env VIGIL_CONFIG_MAX_AGE, default ${DEFAULT-VALUE}).")
    String configMaxAge;

    @Option(
            names = "--command-key-file",
            defaultValue = "${env:VIGIL_COMMAND_KEY_FILE}",
            description = "Ed25519 private key (PKCS#8 PEM) that signs commands to agents, created when missing;"
                    + " its public key is the file beside it ending .pub (env VIGIL_COMMAND_KEY_FILE, default"
                    + " command-key.pem in the data directory).")
    Path commandKeyFile;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, refusing the server's options before a subcommand ({@code vigil-collector --data-dir /x users
     * add …}): picocli would hand them to the server and let the subcommand open its default store.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CollectorMain());
        cli.setExecutionStrategy(parsed -> {
            if (parsed.hasSubcommand()) {
                List<String> misplaced = parsed.matchedOptions().stream()
                        .filter(o -> !o.usageHelp() && !o.versionHelp())
                        .map(OptionSpec::longestName)
                        .toList();
                if (!misplaced.isEmpty()) {
                    String sub = parsed.subcommand().commandSpec().name();
                    cli.getErr()
                            .println("vigil-collector: " + String.join(", ", misplaced) + " before '" + sub
                                    + "' would not reach it: put it after the subcommand, e.g. vigil-collector " + sub
                                    + " … " + misplaced.get(0) + " …");
                    return 2;
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CollectorConfig config;
        try {
            config = config();
        } catch (ConfigException e) {
            err.println("vigil-collector: " + e.getMessage());
            return 2;
        }
        CollectorApp app;
        try {
            app = CollectorApp.start(config, Clock.systemUTC());
        } catch (StartupException | ConfigException e) {
            err.println("vigil-collector: " + e.getMessage());
            return 1;
        }
        if (app.bootstrapPassword() != null) {
            out.println("First start: created user 'admin' with password " + app.bootstrapPassword()
                    + "  (shown once; set VIGIL_ADMIN_PASSWORD to choose it)");
        }
        out.println("vigil-collector running: MQTT "
                + (config.embeddedBroker()
                        ? "port " + app.mqttPort() + (app.mqttTlsPort() < 0 ? "" : ", TLS port " + app.mqttTlsPort())
                        : "via " + config.brokerUrl())
                + ", HTTP port "
                + app.httpPort()
                + (app.httpsPort() < 0 ? "" : ", HTTPS port " + app.httpsPort()));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "vigil-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    CollectorConfig config() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        Duration silence = duration("--silence-timeout (VIGIL_SILENCE_TIMEOUT)", silenceTimeout, problems);
        Duration keep = duration("--retention (VIGIL_RETENTION)", retention, problems);
        Duration connectDeadline =
                duration("--mqtt-connect-deadline (VIGIL_MQTT_CONNECT_DEADLINE)", mqttConnectDeadline, problems);
        Duration sessionExpiry =
                duration("--mqtt-session-expiry (VIGIL_MQTT_SESSION_EXPIRY)", mqttSessionExpiry, problems);
        Duration configAge = duration("--config-max-age (VIGIL_CONFIG_MAX_AGE)", configMaxAge, problems);
        CollectorConfig config = new CollectorConfig(
                mqttHost,
                mqttPort,
                httpHost,
                httpPort,
                store.dataDir,
                store.dbUrl,
                store.dbUser,
                store.dbPassword,
                topicPrefix,
                broker,
                brokerUser,
                brokerPassword,
                brokerClientId,
                silence == null ? CollectorConfig.DEFAULT_SILENCE : silence,
                keep == null ? CollectorConfig.DEFAULT_RETENTION : keep,
                publicUrl,
                webhook,
                System.getenv("VIGIL_ADMIN_PASSWORD"),
                mqttTlsCert == null && mqttTlsKey == null ? null : new MqttTls(mqttTlsPort, mqttTlsCert, mqttTlsKey),
                connectDeadline == null ? CollectorConfig.DEFAULT_CONNECT_DEADLINE : connectDeadline,
                sessionExpiry == null ? CollectorConfig.DEFAULT_SESSION_EXPIRY : sessionExpiry,
                homeAssistantDiscovery == null || homeAssistantDiscovery.isBlank() ? null : homeAssistantDiscovery,
                httpsCert == null && httpsKey == null ? null : new HttpTls(httpsPort, httpsCert, httpsKey),
                totpRequiredRoles == null
                        ? java.util.List.of()
                        : totpRequiredRoles.stream()
                                .map(String::trim)
                                .filter(r -> !r.isEmpty())
                                .toList(),
                new ConfigRetention(configVersions, configAge == null ? Duration.ZERO : configAge),
                commandKeyFile,
                sso.config(problems));
        problems.addAll(config.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static Duration duration(String key, String text, java.util.List<String> problems) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }
}
