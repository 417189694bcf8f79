package dev.vigil.agent.probe.net;

import dev.vigil.agent.probe.ProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An HTTP/1.1 GET over a plain socket (TLS for https, with the JDK's trust store and host name check): ok when the
 * status is the expected one and the body (first {@value #MAX_BODY} bytes) contains the expected text. The RTT is the
 * time to the end of the body. A server that says nothing times out; one that says something that is not HTTP fails
 * with what it said.
 */
public final class HttpGetProbe extends BlockingProbe {
    static final int MAX_BODY = 64 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: .*)?");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?m)^content-length:\\s*(\\d{1,12})\\s*$");

    private final URI url;
    private final int expectStatus;
    private final String expectBody;
    private final LocalBinding binding;

    public HttpGetProbe(
            URI url,
            int expectStatus,
            String expectBody,
            LocalBinding binding,
            Executor blocking,
            ScheduledExecutorService timer) {
        super(blocking, timer);
        this.url = url;
        this.expectStatus = expectStatus;
        this.expectBody = expectBody;
        this.binding = binding;
    }

    @Override
    public String target() {
        return url.toString();
    }

    @Override
    ProbeResult run(Attempt attempt) throws Exception {
        boolean tls = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String host = url.getHost();
        InetAddress address = InetAddress.getByName(host);
        long start = System.nanoTime();
        Socket socket = attempt.closeLater(new Socket());
        bind(socket, binding.localFor(address));
        socket.connect(new InetSocketAddress(address, port), attempt.millisLeft());
        if (tls) {
            SSLSocket ssl = (SSLSocket)
                    ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            socket = attempt.closeLater(ssl);
        }
        socket.setSoTimeout(attempt.millisLeft());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        String request = "GET " + path + query + " HTTP/1.1\r\nHost: " + url.getRawAuthority()
                + "\r\nUser-Agent: vigil-agent\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] response = readResponse(socket, attempt);
        Duration rtt = Duration.ofNanos(System.nanoTime() - start);
        return judge(response, rtt, address.getHostAddress());
    }

    /** Reads until the server closes, the body is complete (Content-Length or the last chunk), or the cap. */
    private static byte[] readResponse(Socket socket, Attempt attempt) throws Exception {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (bytes.size() < MAX_BODY + 8192) {
            socket.setSoTimeout(attempt.millisLeft());
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            bytes.write(chunk, 0, n);
            if (complete(bytes.toString(StandardCharsets.ISO_8859_1))) {
                break;
            }
        }
        return bytes.toByteArray();
    }

    static boolean complete(String text) {
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return false;
        }
        String headers = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        Matcher length = CONTENT_LENGTH.matcher(headers);
        if (length.find()) {
            return text.length() - headerEnd - 4 >= Long.parseLong(length.group(1));
        }
        if (headers.contains("transfer-encoding: chunked")) {
            return text.endsWith("\r\n0\r\n\r\n")
                    || text.substring(headerEnd + 4).startsWith("0\r\n\r\n");
        }
        return false;
    }

    private ProbeResult judge(byte[] response, Duration rtt, String responder) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf("\r\n");
        String statusLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
        Matcher m = STATUS_LINE.matcher(statusLine);
        if (!m.matches()) {
            return ProbeResult.failure("not an HTTP response: '" + printable(statusLine) + "'");
        }
        int status = Integer.parseInt(m.group(1));
        if (status != expectStatus) {
            return ProbeResult.failure("HTTP status " + status + ", expected " + expectStatus);
        }
        int bodyStart = text.indexOf("\r\n\r\n");
        if (bodyStart < 0) {
            return ProbeResult.failure("HTTP response ended inside its headers");
        }
        if (expectBody != null) {
            String body = new String(response, bodyStart + 4, response.length - bodyStart - 4, StandardCharsets.UTF_8);
            if (!body.contains(expectBody)) {
                return ProbeResult.failure("HTTP body does not contain '" + expectBody + "'");
            }
        }
        return ProbeResult.success(rtt, responder);
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7E…]", "?");
    }
}
