package dev.vigil.agent.probe.net;

import dev.vigil.agent.probe.ProbeResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** A TCP handshake to {@code host:port}; the RTT is the connect time. */
public final class TcpConnectProbe extends BlockingProbe {
    private final String host;
    private final int port;
    private final LocalBinding binding;

    public TcpConnectProbe(
            String host, int port, LocalBinding binding, Executor blocking, ScheduledExecutorService timer) {
        super(blocking, timer);
        this.host = host;
        this.port = port;
        this.binding = binding;
    }

    @Override
    public String target() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    ProbeResult run(Attempt attempt) throws Exception {
        InetAddress address = InetAddress.getByName(host);
        Socket socket = attempt.closeLater(new Socket());
        bind(socket, binding.localFor(address));
        long start = System.nanoTime();
        socket.connect(new InetSocketAddress(address, port), attempt.millisLeft());
        return ProbeResult.success(Duration.ofNanos(System.nanoTime() - start), address.getHostAddress());
    }
}
