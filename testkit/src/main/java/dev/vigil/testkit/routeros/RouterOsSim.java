package dev.vigil.testkit.routeros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;

/**
 * A RouterOS simulator: the binary API (plain or TLS) and, for the v7 personality with TLS, REST, over one
 * {@link SimRouter}. Both login styles, optional {@code !empty}, and {@link Misbehaviour}s on demand.
 */
public final class RouterOsSim implements AutoCloseable {
    /** How to start a simulator; {@link #defaults()} is v7 on loopback port 0, user vigil / vigil. */
    public record Options(
            InetAddress bind,
            int apiPort,
            boolean tls,
            int restPort,
            SimRouter.Personality personality,
            boolean legacyLogin,
            boolean sendEmpty,
            String user,
            String password,
            Duration pingInterval,
            Path certDir) {

        public static Options defaults() {
            return new Options(
                    InetAddress.getLoopbackAddress(),
                    0,
                    false,
                    0,
                    SimRouter.Personality.V7,
                    false,
                    true,
                    "vigil",
                    "vigil",
                    Duration.ofMillis(50),
                    Path.of(System.getProperty("java.io.tmpdir")));
        }

        public Options withTls(boolean on) {
            return new Options(
                    bind,
                    apiPort,
                    on,
                    restPort,
                    personality,
                    legacyLogin,
                    sendEmpty,
                    user,
                    password,
                    pingInterval,
                    certDir);
        }

        public Options withLogin(boolean legacy, SimRouter.Personality p) {
            return new Options(
                    bind, apiPort, tls, restPort, p, legacy, sendEmpty, user, password, pingInterval, certDir);
        }

        public Options withEmpty(boolean on) {
            return new Options(
                    bind, apiPort, tls, restPort, personality, legacyLogin, on, user, password, pingInterval, certDir);
        }

        public Options withBind(InetAddress address, int port) {
            return new Options(
                    address,
                    port,
                    tls,
                    restPort,
                    personality,
                    legacyLogin,
                    sendEmpty,
                    user,
                    password,
                    pingInterval,
                    certDir);
        }
    }

    /** What {@link Misbehaviour#REFUSE_EXPORT} answers: a user whose group lacks a policy export needs. */
    static final String EXPORT_REFUSAL = "not enough permissions (9)";

    final AtomicInteger commandsReceived = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    private final Options options;
    private final SimRouter router;
    private final ServerSocket server;
    private final RestSimServer rest;
    private final SelfSignedCert cert;
    private final ExecutorService sessions = Executors.newCachedThreadPool(daemon("sim-api"));
    private final ScheduledExecutorService streams = Executors.newScheduledThreadPool(1, daemon("sim-stream"));
    private final List<ApiSimSession> open = new CopyOnWriteArrayList<>();
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;

    private RouterOsSim(Options options, SimRouter router) throws IOException {
        this.options = options;
        this.router = router;
        this.cert = options.tls() ? SelfSignedCert.generate(options.certDir()) : null;
        this.server = cert == null
                ? new ServerSocket()
                : (SSLServerSocket)
                        cert.serverContext().getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(options.bind(), options.apiPort()), 50);
        this.rest = cert != null && options.personality() == SimRouter.Personality.V7
                ? new RestSimServer(this, new InetSocketAddress(options.bind(), options.restPort()), cert)
                : null;
        Thread acceptor = new Thread(this::accept, "sim-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RouterOsSim start(Options options, SimRouter router) {
        try {
            return new RouterOsSim(options, router);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RouterOS simulator", e);
        }
    }

    public SimRouter router() {
        return router;
    }

    public int apiPort() {
        return server.getLocalPort();
    }

    /** The REST port, or -1 when REST is off (v6 personality or no TLS). */
    public int restPort() {
        return rest == null ? -1 : rest.port();
    }

    /** {@code sha256:…} of the TLS certificate; null without TLS. */
    public String fingerprint() {
        return cert == null ? null : cert.fingerprint();
    }

    public SelfSignedCert certificate() {
        return cert;
    }

    public void misbehave(Misbehaviour how) {
        this.misbehaviour = how;
        router.truncateExports(how == Misbehaviour.TRUNCATE_EXPORT);
    }

    /** Closes every client connection now, as a router reboot or a cable pull would. */
    public void dropConnections() {
        open.forEach(ApiSimSession::close);
    }

    public int commandsReceived() {
        return commandsReceived.get();
    }

    /** How many running commands a {@code /cancel} stopped. */
    public int cancels() {
        return cancels.get();
    }

    public int openSessions() {
        return open.size();
    }

    Misbehaviour misbehaviour() {
        return misbehaviour;
    }

    boolean legacyLogin() {
        return options.legacyLogin();
    }

    boolean sendsEmpty() {
        return options.sendEmpty();
    }

    String user() {
        return options.user();
    }

    String password() {
        return options.password();
    }

    Duration pingInterval() {
        return options.pingInterval();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                ApiSimSession session = new ApiSimSession(socket, this, streams);
                open.add(session);
                sessions.execute(() -> {
                    try {
                        session.run();
                    } finally {
                        open.remove(session);
                    }
                });
            } catch (IOException e) {
                // closed, or one failed handshake: keep serving until closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropConnections();
        if (rest != null) {
            rest.close();
        }
        sessions.shutdownNow();
        streams.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
