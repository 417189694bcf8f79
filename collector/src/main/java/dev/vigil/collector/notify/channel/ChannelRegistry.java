package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.ChannelDirectory;
import dev.vigil.collector.notify.ChannelRef;
import dev.vigil.collector.notify.QuietHours;
import dev.vigil.collector.store.ChannelRecord;
import dev.vigil.collector.store.ChannelStore;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The channels, from the store, each with its running queue. Reads are from memory; {@link #add} and {@link #delete}
 * write the store first (blocking: call from a worker).
 */
final class ChannelRegistry implements ChannelDirectory {
    private static final System.Logger LOG = System.getLogger(ChannelRegistry.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelStore store;
    private final Clock clock;
    private final Function<ChannelInfo, Function<ChannelTarget, ChannelQueue>> queues;
    private final Map<String, LiveChannel> channels = new ConcurrentHashMap<>();

    /** {@code queues}: makes the queue of a channel for its target. */
    ChannelRegistry(
            ChannelStore store, Clock clock, Function<ChannelInfo, Function<ChannelTarget, ChannelQueue>> queues) {
        this.store = store;
        this.clock = clock;
        this.queues = queues;
    }

    /** At start-up: a stored channel whose URL no longer parses is logged and skipped, never fatal. */
    void load() {
        for (ChannelRecord r : store.all()) {
            try {
                live(r, ChannelUrls.parse(r.url()));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.ERROR, "channel {0} is not loaded: {1}", r.name(), e.getMessage());
            }
        }
        LOG.log(Level.INFO, "{0} notification channels loaded", channels.size());
    }

    LiveChannel add(ChannelSpec spec) {
        if (channels.values().stream().anyMatch(c -> c.ref().name().equals(spec.name()))) {
            throw new IllegalArgumentException("a channel named '" + spec.name() + "' exists already");
        }
        QuietHours q = spec.quietHours();
        ChannelRecord r = new ChannelRecord(
                "ch_" + HexFormat.of().formatHex(bytes()),
                spec.name(),
                spec.url(),
                q == null ? null : q.from().toString(),
                q == null ? null : q.to().toString(),
                q == null ? null : q.zone().getId(),
                q == null || q.criticalOverrides(),
                clock.instant());
        store.insert(r);
        LiveChannel c = live(r, spec.target());
        LOG.log(Level.INFO, "channel {0} added: {1}", r.name(), spec.target().masked());
        return c;
    }

    private static byte[] bytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private LiveChannel live(ChannelRecord r, ChannelTarget target) {
        QuietHours quiet = r.quietFrom() == null
                ? null
                : new QuietHours(
                        LocalTime.parse(r.quietFrom()),
                        LocalTime.parse(r.quietTo()),
                        ZoneId.of(r.quietZone()),
                        r.criticalOverrides());
        ChannelInfo info = new ChannelInfo(r.id(), r.name(), target.masked());
        LiveChannel c = new LiveChannel(
                new ChannelRef(r.id(), r.name(), target.scheme(), quiet),
                target,
                r.createdAt(),
                queues.apply(info).apply(target));
        channels.put(r.id(), c);
        return c;
    }

    /** False when there was no such channel. */
    boolean delete(String id) {
        boolean stored = store.delete(id);
        LiveChannel c = channels.remove(id);
        if (c != null) {
            c.queue().close();
            LOG.log(Level.INFO, "channel {0} deleted", c.ref().name());
        }
        return stored || c != null;
    }

    Optional<LiveChannel> live(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    List<LiveChannel> lives() {
        return channels.values().stream()
                .sorted(Comparator.comparing(c -> c.ref().name()))
                .toList();
    }

    @Override
    public List<ChannelRef> all() {
        return lives().stream().map(LiveChannel::ref).toList();
    }

    @Override
    public Optional<ChannelRef> byId(String id) {
        return live(id).map(LiveChannel::ref);
    }

    void close() {
        channels.values().forEach(c -> c.queue().close());
    }
}
