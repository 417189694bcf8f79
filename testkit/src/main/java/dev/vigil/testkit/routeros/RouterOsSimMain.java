package dev.vigil.testkit.routeros;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the simulator as its own process (in a lab namespace, for the demo):
 * {@code java -cp vigil-testkit.jar dev.vigil.testkit.routeros.RouterOsSimMain --port P [--tls] …}. Prints one line
 * {@code READY api=<port> rest=<port> fingerprint=<sha256>} once it listens.
 */
@Command(name = "routeros-sim", mixinStandardHelpOptions = true, description = "A RouterOS API/REST simulator.")
public final class RouterOsSimMain implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--bind", description = "Address to listen on (default: all).")
    String bind = "0.0.0.0";

    @Option(names = "--port", description = "API port (0: any free port).")
    int port = 8728;

    @Option(names = "--rest-port", description = "REST (HTTPS) port with --tls and v7 (0: any free port).")
    int restPort = 0;

    @Option(names = "--tls", description = "api-ssl: TLS with a fresh self-signed certificate.")
    boolean tls;

    @Option(names = "--personality", description = "v6 or v7 (default v7).")
    String personality = "v7";

    @Option(names = "--legacy-login", description = "Pre-6.43 challenge/response login.")
    boolean legacyLogin;

    @Option(names = "--no-empty", description = "Do not send !empty (RouterOS before 7.18).")
    boolean noEmpty;

    @Option(names = "--user")
    String user = "vigil";

    @Option(names = "--password-file", description = "File holding the API password (default: vigil).")
    Path passwordFile;

    @Option(names = "--priority", description = "VRRP priority of the seeded instance (no keepalived).")
    int priority = 100;

    @Option(names = "--master", description = "Seeded instance starts as master (no keepalived).")
    boolean master;

    @Option(names = "--keepalived-conf")
    Path keepalivedConf;

    @Option(names = "--keepalived-pidfile")
    Path keepalivedPid;

    @Option(names = "--vrrp-state-file")
    Path vrrpStateFile;

    @Option(names = "--cert-dir", description = "Where the certificate store is written (default: java.io.tmpdir).")
    Path certDir = Path.of(System.getProperty("java.io.tmpdir"));

    public static void main(String[] args) {
        System.exit(new CommandLine(new RouterOsSimMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimRouter.Personality p =
                personality.equalsIgnoreCase("v6") ? SimRouter.Personality.V6 : SimRouter.Personality.V7;
        String version = legacyLogin && p == SimRouter.Personality.V6 ? "6.42.12 (long-term)" : null;
        SimRouter router = SimRouter.seeded(p, version, priority, master);
        if (keepalivedConf != null) {
            if (keepalivedPid == null || vrrpStateFile == null) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--keepalived-conf needs --keepalived-pidfile and --vrrp-state-file");
            }
            router.useKeepalived(new KeepalivedBridge(keepalivedConf, keepalivedPid, vrrpStateFile));
        }
        String password = passwordFile == null
                ? "vigil"
                : java.nio.file.Files.readString(passwordFile, StandardCharsets.UTF_8)
                        .strip();
        RouterOsSim.Options options = new RouterOsSim.Options(
                InetAddress.getByName(bind),
                port,
                tls,
                restPort,
                p,
                legacyLogin,
                !noEmpty,
                user,
                password,
                Duration.ofMillis(200),
                certDir);
        CountDownLatch stop = new CountDownLatch(1);
        try (RouterOsSim sim = RouterOsSim.start(options, router)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            PrintWriter out = spec.commandLine().getOut();
            out.println("READY api=" + sim.apiPort() + " rest=" + sim.restPort() + " fingerprint=" + sim.fingerprint());
            out.flush();
            stop.await();
        }
        return 0;
    }
}
