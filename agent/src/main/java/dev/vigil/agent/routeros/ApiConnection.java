package dev.vigil.agent.routeros;

import dev.vigil.agent.threads.DaemonThreads;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One API session: every command is tagged, a reader thread routes replies by {@code .tag}, writes are one sentence
 * under one lock. When the stream ends, breaks or carries garbage, every pending call fails at once with the cause.
 */
final class ApiConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ApiConnection.class.getName());

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextTag = new AtomicLong();
    private final CompletableFuture<RouterOsException> closed = new CompletableFuture<>();
    private final String label;

    private ApiConnection(Socket socket, String label) throws IOException {
        this.socket = socket;
        this.label = label;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects (TCP, then TLS when a factory is given) and starts the reader; login is the caller's next step. */
    static ApiConnection open(
            String host, int port, SSLSocketFactory tls, boolean checkHostName, Duration connectTimeout) {
        String label = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
                if (checkHostName) {
                    javax.net.ssl.SSLParameters parameters = ssl.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.setSSLParameters(parameters);
                }
                ssl.setSoTimeout((int) connectTimeout.toMillis());
                ssl.startHandshake();
                ssl.setSoTimeout(0);
                socket = ssl;
            }
            ApiConnection connection = new ApiConnection(socket, label);
            Thread reader = DaemonThreads.named("routeros-reader-" + label).newThread(connection::readLoop);
            reader.start();
            return connection;
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new RouterOsException(
                    RouterOsException.Kind.TLS, "TLS with " + label + " failed: " + rootMessage(e), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RouterOsException(
                    RouterOsException.Kind.CONNECTION, "cannot connect to " + label + ": " + rootMessage(e), e);
        }
    }

    /** Sends a tagged command; the future completes on {@code !done} or fails on trap, fatal, drop or close. */
    PendingCall send(Command command) {
        PendingCall call = new PendingCall(Long.toString(nextTag.incrementAndGet()), command);
        RouterOsException down = closed.getNow(null);
        if (down != null) {
            call.fail(down);
            return call;
        }
        pending.put(call.tag, call);
        down = closed.getNow(null);
        if (down != null && pending.remove(call.tag) != null) {
            call.fail(down);
            return call;
        }
        List<String> words = new java.util.ArrayList<>(command.words());
        words.add(".tag=" + call.tag);
        try {
            write(words);
        } catch (IOException e) {
            shutdown(new RouterOsException(
                    RouterOsException.Kind.CONNECTION, "lost the connection to " + label + ": " + rootMessage(e), e));
        }
        return call;
    }

    /** Asks the router to stop a running command (after its deadline); the call itself is failed by the caller. */
    void cancel(PendingCall call) {
        pending.remove(call.tag);
        try {
            write(List.of("/cancel", "=tag=" + call.tag, ".tag=c" + call.tag));
        } catch (IOException e) {
            shutdown(new RouterOsException(RouterOsException.Kind.CONNECTION, "lost the connection to " + label, e));
        }
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    /** Completes with the reason once the session is over, whatever ended it. */
    CompletableFuture<RouterOsException> closedFuture() {
        return closed;
    }

    int pendingCount() {
        return pending.size();
    }

    @Override
    public void close() {
        shutdown(new RouterOsException(RouterOsException.Kind.CLOSED, "connection to " + label + " closed"));
    }

    private void write(List<String> words) throws IOException {
        byte[] sentence = WordCodec.encodeSentence(words);
        synchronized (out) {
            out.write(sentence);
            out.flush();
        }
    }

    private void readLoop() {
        try {
            while (true) {
                List<String> words = WordCodec.readSentence(in);
                dispatch(words);
            }
        } catch (RouterOsException e) {
            shutdown(new RouterOsException(e.kind(), label + ": " + e.getMessage(), e.traps(), null));
        } catch (IOException e) {
            shutdown(new RouterOsException(
                    RouterOsException.Kind.CONNECTION, "lost the connection to " + label + ": " + rootMessage(e), e));
        }
    }

    private void dispatch(List<String> words) {
        String type = words.get(0);
        if (type.equals("!fatal")) {
            String reason = words.size() > 1 ? words.get(1) : "(no reason)";
            throw new RouterOsException(RouterOsException.Kind.FATAL, "router ended the session: " + reason);
        }
        if (!type.startsWith("!")) {
            throw new RouterOsException(
                    RouterOsException.Kind.PROTOCOL,
                    "expected a reply word (!re, !done, ...) but got '" + shorten(type) + "'");
        }
        Map<String, String> attributes = PendingCall.attributes(words);
        String tag = attributes.remove(".tag");
        PendingCall call = tag == null ? null : pending.get(tag);
        if (call == null) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: reply {1} for no pending command (tag {2})", label, type, tag);
            return;
        }
        if (call.accept(type, attributes)) {
            pending.remove(tag);
        }
    }

    private void shutdown(RouterOsException reason) {
        if (!closed.complete(reason)) {
            return;
        }
        closeQuietly(socket);
        for (PendingCall call : pending.values()) {
            call.fail(reason);
        }
        pending.clear();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t instanceof SocketException || message == null
                ? t.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                : message;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already broken; nothing more to release
        }
    }
}
