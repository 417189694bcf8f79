package dev.vigil.agent.routeros;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Calls to one RouterOS router, over the binary API ({@link ApiRouterOsClient}) or REST ({@link RestRouterOsClient}).
 * Every call has a deadline and completes exceptionally with a {@link RouterOsException}; none blocks the caller.
 * Callbacks may run on the client's reader thread: they must not block (use the {@code *Async} stages to block).
 */
public interface RouterOsClient extends AutoCloseable {

    /** A client for the configured transport; the binary API connects lazily and reconnects by itself. */
    static RouterOsClient create(RouterConfig config) {
        return config.transport() == RouterConfig.Transport.REST
                ? new RestRouterOsClient(config)
                : new ApiRouterOsClient(config);
    }

    /** The router's name from the config. */
    String router();

    /** Runs a command; the stage fails with {@link RouterOsException.Kind#TIMEOUT} after {@code timeout}. */
    CompletionStage<Reply> call(Command command, Duration timeout);

    /** Runs a command with the configured deadline. */
    CompletionStage<Reply> call(Command command);

    default CompletionStage<List<Map<String, String>>> print(String menu, List<String> proplist, String... queries) {
        return call(Command.print(menu, proplist, queries)).thenApply(Reply::items);
    }

    default CompletionStage<Reply> set(String menu, String id, Map<String, String> values) {
        return call(Command.set(menu, id, values));
    }

    /** The RouterOS version from {@code /system/resource}, e.g. {@code 7.16.2 (stable)}. */
    default CompletionStage<String> version() {
        return print("/system/resource", List.of("version"))
                .thenApply(items -> items.isEmpty() ? "unknown" : items.get(0).getOrDefault("version", "unknown"));
    }

    /** The major version (6 or 7) from {@link #version()}; REST exists only on 7. */
    default CompletionStage<Integer> majorVersion() {
        return version().thenApply(RouterOsClient::major);
    }

    /**
     * The router's configuration as {@code /export} writes it (to a file that is read back and removed; see
     * {@link RouterExport}). Fails with an {@link ExportFailedException} naming the reason.
     */
    default CompletionStage<RouterExport.Result> exportConfig(boolean showSensitive, Duration exportTimeout) {
        return RouterExport.run(this, showSensitive, exportTimeout);
    }

    static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(
                    dot < 0 ? version.trim() : version.substring(0, dot).trim());
        } catch (NumberFormatException e) {
            throw new RouterOsException(
                    RouterOsException.Kind.PROTOCOL, "cannot read the RouterOS version '" + version + "'");
        }
    }

    /**
     * {@code /ping} on the router ({@code count} is always sent so that it ends by itself). Give an interface or a
     * source address to ping through a given WAN; null for neither.
     */
    default CompletionStage<RouterPing> ping(
            InetAddress target, int count, String viaInterface, String srcAddress, Duration timeout) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("address", target.getHostAddress());
        attributes.put("count", Integer.toString(count));
        if (viaInterface != null) {
            attributes.put("interface", viaInterface);
        }
        if (srcAddress != null) {
            attributes.put("src-address", srcAddress);
        }
        Command command = new Command("/ping", attributes, List.of(), List.of());
        return call(command, timeout).thenApply(reply -> pingResult(target, count, reply));
    }

    private static RouterPing pingResult(InetAddress target, int count, Reply reply) {
        List<Duration> rtts = new ArrayList<>();
        int sent = 0;
        int received = 0;
        for (Map<String, String> item : reply.items()) {
            sent = parseInt(item.get("sent"), sent);
            received = parseInt(item.get("received"), received);
            Duration time = DurationText.parse(item.get("time"));
            if (time != null && !item.containsKey("status")) {
                rtts.add(time);
            }
        }
        return new RouterPing(
                target.getHostAddress(),
                Math.max(sent, Math.min(count, reply.items().size())),
                received,
                rtts,
                null);
    }

    private static int parseInt(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    @Override
    void close();
}
