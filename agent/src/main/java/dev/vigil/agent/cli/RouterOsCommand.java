package dev.vigil.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.agent.config.Secret;
import dev.vigil.agent.routeros.Reply;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.routeros.RouterOsException;
import dev.vigil.agent.routeros.RouterPing;
import dev.vigil.agent.routeros.TlsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@picocli.CommandLine.Command(
        name = "routeros",
        mixinStandardHelpOptions = true,
        description = {
            "Diagnostic calls to a RouterOS router over its API.",
            "  print PATH [key=value query...]   e.g. print /interface/vrrp",
            "  call PATH [key=value...]          any command, e.g. call /system/script/run number=notify-isp",
            "  ping ADDRESS [count]              /ping run on the router"
        })
final class RouterOsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, description = "Router address.")
    String host;

    @Option(names = "--port", description = "Default 8728, 8729 with --tls, 443 with --rest.")
    Integer port;

    @Option(names = "--tls", description = "api-ssl (needs --fingerprint or --ca-file).")
    boolean tls;

    @Option(names = "--rest", description = "Use the v7 REST API over HTTPS instead of the binary API.")
    boolean rest;

    @Option(names = "--fingerprint", description = "SHA-256 of the router certificate (sha256:AB:CD:…).")
    String fingerprint;

    @Option(names = "--ca-file", description = "PEM file of the CA that signed the router certificate.")
    Path caFile;

    @Option(names = "--user", description = "Default: admin.")
    String user = "admin";

    @Option(
            names = "--password-file",
            description = "File holding the password (else $VIGIL_ROUTEROS_PASSWORD, else empty).")
    Path passwordFile;

    @Option(names = "--timeout", description = "Deadline of the call in seconds (default 10).")
    double timeoutSeconds = 10;

    @Option(names = "--json", description = "Print JSON instead of key=value lines.")
    boolean json;

    @Option(names = "--proplist", split = ",", description = "Properties to return (print).")
    List<String> proplist = new ArrayList<>();

    @Parameters(index = "0", description = "print, call or ping")
    String action;

    @Parameters(index = "1", description = "Menu or command path, or the ping address")
    String path;

    @Parameters(index = "2..*", description = "key=value arguments (queries for print)")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RouterConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException | IOException e) {
            err.println("vigil-agent routeros: " + e.getMessage());
            return 2;
        }
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        try (RouterOsClient client = RouterOsClient.create(config)) {
            switch (action) {
                case "print" ->
                    print(out, wait(client.call(printCommand(), timeout)).items());
                case "call" -> {
                    Reply reply = wait(client.call(
                            new dev.vigil.agent.routeros.Command(path, attributes(), List.of(), proplist), timeout));
                    print(out, reply.items());
                    if (!reply.done().isEmpty()) {
                        print(out, List.of(reply.done()));
                    }
                }
                case "ping" -> ping(out, client, timeout);
                default -> {
                    err.println("vigil-agent routeros: unknown action '" + action + "': use print, call or ping");
                    return 2;
                }
            }
            return 0;
        } catch (RouterOsException e) {
            err.println("vigil-agent routeros: " + e.getMessage());
            return 1;
        }
    }

    private void ping(PrintWriter out, RouterOsClient client, Duration timeout) {
        try {
            int count = arguments.isEmpty() ? 4 : Integer.parseInt(arguments.get(0));
            RouterPing ping = wait(client.ping(InetAddress.getByName(path), count, null, null, timeout));
            out.printf(
                    java.util.Locale.ROOT,
                    "%s: sent %d, received %d, loss %.0f%%, rtts %s%n",
                    ping.target(),
                    ping.sent(),
                    ping.received(),
                    ping.lossPercent(),
                    ping.rtts());
        } catch (IOException | NumberFormatException e) {
            throw new RouterOsException(RouterOsException.Kind.PROTOCOL, "bad ping arguments: " + e.getMessage());
        }
    }

    private dev.vigil.agent.routeros.Command printCommand() {
        String menu = path.endsWith("/print") ? path.substring(0, path.length() - 6) : path;
        return new dev.vigil.agent.routeros.Command(menu + "/print", Map.of(), arguments, proplist);
    }

    private Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                throw new RouterOsException(
                        RouterOsException.Kind.PROTOCOL, "arguments are key=value, not '" + argument + "'");
            }
            attributes.put(argument.substring(0, eq), argument.substring(eq + 1));
        }
        return attributes;
    }

    private void print(PrintWriter out, List<Map<String, String>> items) {
        if (json) {
            try {
                out.println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(items));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        for (Map<String, String> item : items) {
            StringBuilder line = new StringBuilder();
            new TreeMap<>(item)
                    .forEach((k, v) -> line.append(line.length() == 0 ? "" : " ")
                            .append(k)
                            .append('=')
                            .append(v));
            out.println(line);
        }
        out.flush();
    }

    private RouterConfig config() throws IOException {
        RouterConfig.Transport transport =
                rest ? RouterConfig.Transport.REST : tls ? RouterConfig.Transport.API_SSL : RouterConfig.Transport.API;
        TlsSettings tlsSettings = null;
        if (transport != RouterConfig.Transport.API || fingerprint != null || caFile != null) {
            if (fingerprint == null && caFile == null) {
                throw new IllegalArgumentException(
                        "--tls and --rest need --fingerprint or --ca-file (a wrong fingerprint"
                                + " is refused with the one the router presented)");
            }
            tlsSettings =
                    new TlsSettings(fingerprint == null ? null : TlsSettings.parseFingerprint(fingerprint), caFile);
        }
        String env = System.getenv("VIGIL_ROUTEROS_PASSWORD");
        Secret password = passwordFile != null
                ? Secret.of(
                        Files.readString(passwordFile, StandardCharsets.UTF_8).strip())
                : Secret.of(env == null ? "" : env);
        Duration timeout = Duration.ofMillis(Math.max(100, Math.round(timeoutSeconds * 1000)));
        return new RouterConfig(
                "cli",
                host,
                transport,
                port == null ? transport.defaultPort : port,
                user,
                password,
                tlsSettings,
                timeout,
                null);
    }

    private static <T> T wait(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RouterOsException r
                    ? r
                    : new RouterOsException(RouterOsException.Kind.CONNECTION, String.valueOf(e.getCause()));
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new RouterOsException(RouterOsException.Kind.TIMEOUT, "no answer");
        }
    }
}
