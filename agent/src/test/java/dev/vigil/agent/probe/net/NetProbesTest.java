package dev.vigil.agent.probe.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.WanProbe;
import dev.vigil.agent.probe.testing.Netns;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

class NetProbesTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        blocking.shutdownNow();
        timer.shutdownNow();
    }

    private static ProbeResult run(WanProbe probe) throws Exception {
        long start = System.nanoTime();
        ProbeResult r = probe.probe(TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(500));
        return r;
    }

    /** A TCP server on loopback that hands each connection to {@code handler}. */
    private int tcpServer(Consumer<Socket> handler) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        servers.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    servers.add(s);
                    handler.accept(s);
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private int httpServer(String response) throws IOException {
        return tcpServer(s -> {
            try {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write(response.getBytes(US_ASCII));
                s.close();
            } catch (IOException ignored) {
                // client gone
            }
        });
    }

    private HttpGetProbe http(int port, int status, String body) {
        return new HttpGetProbe(
                URI.create("http://127.0.0.1:" + port + "/health"), status, body, LocalBinding.NONE, blocking, timer);
    }

    @Test
    void tcp_listeningPort_connects() throws Exception {
        int port = tcpServer(s -> {});
        ProbeResult r = run(new TcpConnectProbe("127.0.0.1", port, LocalBinding.NONE, blocking, timer));
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.responder()).isEqualTo("127.0.0.1");
    }

    @Test
    void tcp_closedPort_failsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        ProbeResult r = run(new TcpConnectProbe("127.0.0.1", port, LocalBinding.NONE, blocking, timer));
        assertThat(r.error()).startsWith("connection refused");
    }

    @Test
    void http_expectedStatusAndBody_ok() throws Exception {
        int port = httpServer("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhealthy");
        ProbeResult r = run(http(port, 200, "healthy"));
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.rtt()).isPositive();
    }

    @Test
    void http_keepAliveServerThatDoesNotClose_okAtEndOfBody() throws Exception {
        int port = tcpServer(s -> {
            try {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream()
                        .write("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhealthy"
                                .getBytes(US_ASCII)); // and stays open
            } catch (IOException ignored) {
                // client gone
            }
        });
        ProbeResult r = run(http(port, 200, "healthy"));
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.rtt()).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void http_chunkedBody_completeAtLastChunk() {
        assertThat(HttpGetProbe.complete("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"))
                .isTrue();
        assertThat(HttpGetProbe.complete("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n"))
                .isFalse();
        assertThat(HttpGetProbe.complete("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab"))
                .isFalse();
    }

    @Test
    void http_wrongStatus_failsNamingBoth() throws Exception {
        int port = httpServer("HTTP/1.1 503 Service Unavailable\r\n\r\n");
        assertThat(run(http(port, 200, null)).error()).isEqualTo("HTTP status 503, expected 200");
    }

    @Test
    void http_bodyWithoutExpectedText_fails() throws Exception {
        int port = httpServer("HTTP/1.1 200 OK\r\n\r\nmaintenance");
        assertThat(run(http(port, 200, "healthy")).error()).isEqualTo("HTTP body does not contain 'healthy'");
    }

    @Test
    void http_garbageAnswer_failsQuotingIt() throws Exception {
        int port = httpServer("SSH-2.0-OpenSSH_9.2\r\n\u0001\u0002");
        assertThat(run(http(port, 200, null)).error()).isEqualTo("not an HTTP response: 'SSH-2.0-OpenSSH_9.2'");
    }

    @Test
    void http_serverThatNeverAnswers_timesOut() throws Exception {
        int port = tcpServer(s -> {});
        assertThat(run(http(port, 200, null)).error()).isEqualTo("no answer within 700 ms");
    }

    @Test
    void http_serverThatDripsForever_timesOut() throws Exception {
        int port = tcpServer(s -> {
            Thread t = new Thread(() -> {
                try {
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\n".getBytes(US_ASCII));
                    for (int i = 0; i < 100 && !s.isClosed(); i++) {
                        s.getOutputStream().write("X-Drip: 1\r\n".getBytes(US_ASCII));
                        Thread.sleep(50); // the server's pace, not a wait for a condition
                    }
                } catch (IOException | InterruptedException ignored) {
                    // client gone
                }
            });
            t.setDaemon(true);
            t.start();
        });
        assertThat(run(http(port, 200, null)).error()).isEqualTo("no answer within 700 ms");
    }

    private int dnsServer(int rcode, boolean withAnswer) throws IOException {
        DatagramSocket socket = new DatagramSocket(0, LOOPBACK);
        servers.add(socket);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    Message query = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    Message answer = new Message(query.getHeader().getID());
                    answer.getHeader().setFlag(Flags.QR);
                    answer.getHeader().setRcode(rcode);
                    answer.addRecord(query.getQuestion(), Section.QUESTION);
                    if (withAnswer) {
                        answer.addRecord(
                                new ARecord(
                                        query.getQuestion().getName(),
                                        DClass.IN,
                                        60,
                                        InetAddress.getByName("192.0.2.80")),
                                Section.ANSWER);
                    }
                    byte[] wire = answer.toWire();
                    socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return socket.getLocalPort();
    }

    private DnsQueryProbe dns(int port) throws Exception {
        return new DnsQueryProbe(
                LOOPBACK, port, Name.fromString("intranet.example."), LocalBinding.NONE, blocking, timer);
    }

    @Test
    void dns_answeringResolver_ok() throws Exception {
        DnsQueryProbe probe = dns(dnsServer(Rcode.NOERROR, true));
        ProbeResult r = run(probe);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(probe.target()).startsWith("intranet.example@127.0.0.1:");
    }

    @Test
    void dns_nxdomain_failsNamingRcode() throws Exception {
        assertThat(run(dns(dnsServer(Rcode.NXDOMAIN, false))).error())
                .isEqualTo("resolver answered NXDOMAIN for intranet.example.");
    }

    @Test
    void dns_emptyAnswer_fails() throws Exception {
        assertThat(run(dns(dnsServer(Rcode.NOERROR, false))).error()).contains("no records");
    }

    @Test
    void dns_silentResolver_timesOut() throws Exception {
        DatagramSocket silent = new DatagramSocket(0, LOOPBACK);
        servers.add(silent);
        assertThat(run(dns(silent.getLocalPort())).error()).isEqualTo("no answer within 700 ms");
    }

    @Test
    void dns_closedPort_failsNamingTheIcmpPortUnreachable() throws Exception {
        // in a namespace of its own: the kernel rate-limits ICMP errors per namespace, and the host's is shared
        try (Netns ns = Netns.create("dns")) {
            ExecutorService inside = Executors.newSingleThreadExecutor(ns.threads());
            try {
                DnsQueryProbe probe = new DnsQueryProbe(
                        LOOPBACK, 53, Name.fromString("intranet.example."), LocalBinding.NONE, inside, timer);
                assertThat(run(probe).error())
                        .isEqualTo("ICMP port unreachable: nothing answers on udp/53 at 127.0.0.1");
            } finally {
                inside.shutdownNow();
            }
        }
    }

    @Test
    void tcp_boundToLoopbackInterface_connectsFromItsAddress() throws Exception {
        int port = tcpServer(s -> {});
        ProbeResult r = run(new TcpConnectProbe("127.0.0.1", port, new LocalBinding(null, "lo"), blocking, timer));
        assertThat(r.ok()).as(r.toString()).isTrue();
    }

    @Test
    void tcp_boundToMissingInterface_failsNamingIt() throws Exception {
        int port = tcpServer(s -> {});
        ProbeResult r =
                run(new TcpConnectProbe("127.0.0.1", port, new LocalBinding(null, "vigil-nope0"), blocking, timer));
        assertThat(r.error()).isEqualTo("interface vigil-nope0 is gone");
    }

    @Test
    void tcp_sourceNotOnHost_failsNamingTheAddress() throws Exception {
        int port = tcpServer(s -> {});
        LocalBinding elsewhere = new LocalBinding(InetAddress.getByName("192.0.2.99"), null);
        ProbeResult r = run(new TcpConnectProbe("127.0.0.1", port, elsewhere, blocking, timer));
        assertThat(r.error()).startsWith("cannot send from 192.0.2.99: ").endsWith("(not an address of this host?)");
    }

    @Test
    void http_sourceOfTheOtherFamily_failsNamingBoth() throws Exception {
        int port = httpServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        HttpGetProbe probe = new HttpGetProbe(
                URI.create("http://127.0.0.1:" + port + "/"),
                200,
                null,
                new LocalBinding(InetAddress.getByName("::1"), null),
                blocking,
                timer);
        assertThat(run(probe).error())
                .isEqualTo("source address 0:0:0:0:0:0:0:1 is IPv6 and the target 127.0.0.1 is IPv4");
    }

    @Test
    void dns_boundToInterfaceWithoutThatFamily_failsNamingItsAddresses() throws Exception {
        DnsQueryProbe probe = new DnsQueryProbe(
                InetAddress.getByName("192.0.2.53"),
                53,
                Name.fromString("intranet.example."),
                new LocalBinding(InetAddress.getByName("::1"), "lo"),
                blocking,
                timer);
        assertThat(run(probe).error()).startsWith("source address 0:0:0:0:0:0:0:1 is IPv6 and the target 192.0.2.53");
    }

    @Test
    void dns_garbageAnswer_failsWithParseError() throws Exception {
        DatagramSocket socket = new DatagramSocket(0, LOOPBACK);
        servers.add(socket);
        Thread t = new Thread(() -> {
            try {
                DatagramPacket p = new DatagramPacket(new byte[512], 512);
                socket.receive(p);
                byte[] junk = {p.getData()[0], p.getData()[1], (byte) 0x81, 0, 0, 5};
                socket.send(new DatagramPacket(junk, junk.length, p.getSocketAddress()));
            } catch (IOException ignored) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        assertThat(run(dns(socket.getLocalPort())).error()).startsWith("not a DNS answer");
    }

    @Test
    void resolver_literal_resolvesWithoutLookup() throws Exception {
        TargetResolver r = new TargetResolver("2001:db8::1", blocking, timer);
        assertThat(r.resolve(TIMEOUT).get().address()).isEqualTo(InetAddress.getByName("2001:db8::1"));
    }

    @Test
    void resolver_nameOnBlockedLookup_failsWithinTimeout() throws Exception {
        java.util.concurrent.Executor neverRuns = task -> {}; // a resolver that never answers
        TargetResolver r = new TargetResolver("wan-check.example", neverRuns, timer);
        TargetResolver.Resolved resolved = r.resolve(TIMEOUT).get(3, TimeUnit.SECONDS);
        assertThat(resolved.address()).isNull();
        assertThat(resolved.error()).isEqualTo("cannot resolve 'wan-check.example': no answer within 700 ms");
    }

    @Test
    void addresses_literal_tellsNamesFromAddresses() {
        assertThat(Addresses.literal("198.51.100.65")).isNotNull();
        assertThat(Addresses.literal("[2001:db8::1]")).isNotNull();
        assertThat(Addresses.literal("dns.example")).isNull();
        assertThat(Addresses.literal("999.1.1.1")).isNull();
    }
}
