package dev.vigil.agent.probe.net;

import dev.vigil.agent.probe.ProbeResult;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * One DNS question (type A) over UDP to one resolver, on a socket of the probe's thread: ok when the answer carries
 * our message id and rcode NOERROR with at least one answer record. dnsjava encodes and decodes; the socket is ours
 * so the query goes out of the right network namespace and source address.
 */
public final class DnsQueryProbe extends BlockingProbe {
    private final InetAddress resolver;
    private final int port;
    private final Name query;
    private final LocalBinding binding;

    public DnsQueryProbe(
            InetAddress resolver,
            int port,
            Name query,
            LocalBinding binding,
            Executor blocking,
            ScheduledExecutorService timer) {
        super(blocking, timer);
        this.resolver = resolver;
        this.port = port;
        this.query = query;
        this.binding = binding;
    }

    @Override
    public String target() {
        String host = resolver.getHostAddress();
        return query.toString(true) + "@" + (host.contains(":") ? "[" + host + "]" : host)
                + (port == 53 ? "" : ":" + port);
    }

    @Override
    ProbeResult run(Attempt attempt) throws Exception {
        DatagramSocket socket = attempt.closeLater(new DatagramSocket(null));
        bind(socket, binding.localFor(resolver));
        // connected, so that the kernel hands us the resolver's ICMP port unreachable instead of a silent timeout
        socket.connect(new InetSocketAddress(resolver, port));
        Message question = Message.newQuery(Record.newRecord(query, Type.A, DClass.IN));
        byte[] wire = question.toWire();
        long start = System.nanoTime();
        socket.send(new DatagramPacket(wire, wire.length, new InetSocketAddress(resolver, port)));
        byte[] buffer = new byte[4096];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.setSoTimeout(attempt.millisLeft());
            try {
                socket.receive(packet);
            } catch (PortUnreachableException e) {
                return ProbeResult.failure(
                        "ICMP port unreachable: nothing answers on udp/" + port + " at " + resolver.getHostAddress());
            }
            if (!packet.getAddress().equals(resolver)) {
                continue; // not from the resolver we asked
            }
            Message answer;
            try {
                answer = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
            } catch (WireParseException e) {
                return ProbeResult.failure("not a DNS answer: " + e.getMessage());
            }
            if (answer.getHeader().getID() != question.getHeader().getID()) {
                continue;
            }
            Duration rtt = Duration.ofNanos(System.nanoTime() - start);
            int rcode = answer.getRcode();
            if (rcode != Rcode.NOERROR) {
                return ProbeResult.failure("resolver answered " + Rcode.string(rcode) + " for " + query);
            }
            if (answer.getSection(Section.ANSWER).isEmpty()) {
                return ProbeResult.failure("resolver answered with no records for " + query);
            }
            return ProbeResult.success(rtt, resolver.getHostAddress());
        }
    }
}
