package dev.vigil.agent.probe;

import java.net.InetAddress;

/**
 * How the targets of one WAN or check are probed.
 *
 * @param method the kind of probe
 * @param port TCP port (method tcp), DNS port (method dns, default 53); 0 when unused
 * @param query name asked for (method dns)
 * @param expectStatus HTTP status that counts as ok (method http)
 * @param expectBody text the HTTP body must contain; null = any body
 * @param source local address to send from (policy routing on the agent host picks the WAN by it); null = any
 * @param iface interface to bind to: SO_BINDTODEVICE (icmp), its address (tcp, http, dns), the router's interface
 *     (method router); null = none
 * @param router the router that pings (method router); null otherwise
 */
public record ProbeSpec(
        ProbeMethod method,
        int port,
        String query,
        int expectStatus,
        String expectBody,
        InetAddress source,
        String iface,
        String router) {}
