package dev.vigil.agent.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireWriter;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns observations into events (site, seq from the outbox, ULID id) and appends them to the outbox. When the outbox
 * is full or the disk refuses the write the event is refused, never blocking the caller: it is counted, logged, and
 * once there is room again one {@code agent.outbox_dropped} event says how many were lost.
 */
public final class OutboxSink implements ObservationSink {
    private static final Logger LOG = System.getLogger(OutboxSink.class.getName());
    public static final String DROPPED_TYPE = EventTypes.AGENT_OUTBOX_DROPPED;

    private final String site;
    private final Outbox outbox;
    private final EventIds ids;
    private final Clock clock;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private long unreported;
    private long bytesAtRefusal;

    public OutboxSink(String site, Outbox outbox, Clock clock) {
        this.site = site;
        this.outbox = outbox;
        this.clock = clock;
        this.ids = new EventIds(clock);
        outbox.addListener(this::reportDropsIfRoom);
    }

    @Override
    public synchronized void accept(Observation observation) {
        reportDropsIfRoom();
        try {
            append(observation);
            accepted.increment();
        } catch (IOException | RuntimeException e) {
            dropped.increment();
            bytesAtRefusal = outbox.bytes();
            if (unreported++ == 0) {
                LOG.log(
                        Level.ERROR,
                        "event " + observation.type() + " " + observation.subject() + " refused: " + e.getMessage()
                                + "; further refusals are counted and reported as " + DROPPED_TYPE);
            }
        }
    }

    /** Events appended to the outbox since start. */
    public long accepted() {
        return accepted.sum();
    }

    /** Events refused because the outbox was full or the disk failed. */
    public long dropped() {
        return dropped.sum();
    }

    /** Once acknowledgements have freed space since the last refusal, appends one notice of how many were lost. */
    private synchronized void reportDropsIfRoom() {
        long count = unreported;
        if (count == 0 || outbox.bytes() >= bytesAtRefusal) {
            return;
        }
        unreported = 0;
        ObjectNode data = Json.object().put("dropped", count).put("kind", "events");
        try {
            append(new Observation(clock.instant(), DROPPED_TYPE, Severity.WARNING, "agent", data));
            LOG.log(Level.WARNING, "outbox has room again after refusing {0} events", count);
        } catch (IOException | RuntimeException stillFull) {
            unreported += count;
            bytesAtRefusal = outbox.bytes();
        }
    }

    private void append(Observation o) throws IOException {
        String id = ids.next();
        outbox.append(seq ->
                WireWriter.encode(Event.of(id, site, seq, o.time(), o.type(), o.severity(), o.subject(), o.data())));
    }
}
