package dev.vigil.collector.ingest;

import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.ClusterStore;
import dev.vigil.collector.store.EventWriter;
import dev.vigil.collector.store.FeedRow;
import dev.vigil.collector.store.MetricPoint;
import dev.vigil.collector.store.Snapshot;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.PayloadRejectedException;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.TopicKind;
import dev.vigil.protocol.TopicRef;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One message from a site, whatever carried it (embedded endpoint or external broker): validate against the contract,
 * commit to the store, then update the projection, the alerts and the live feed. The returned future completes on
 * the caller's context once the message is committed (or known to be a duplicate, or rejected).
 */
public final class IngestPipeline {
    private final Vertx vertx;
    private final Topics topics;
    private final WireCodec codec;
    private final Stores stores;
    private final EventWriter writer;
    private final AlertEngine alerts;
    private final Counters counters;
    private final Rejections rejections;
    private final Clock clock;
    private final SiteReactions reactions;
    private final boolean reactHere;
    private final ClusterStore feed;
    private final StoredEventListener afterCommit;

    public IngestPipeline(
            Vertx vertx,
            Topics topics,
            WireCodec codec,
            Stores stores,
            EventWriter writer,
            SiteProjection projection,
            AlertEngine alerts,
            LiveUpdates live,
            Counters counters,
            Clock clock) {
        this(vertx, topics, codec, stores, writer, projection, alerts, live, counters, clock, true, (e, r) -> {});
    }

    /**
     * @param reactHere false when several collectors share the store: this one only validates and commits, and every
     *     collector reacts to the committed rows it reads back (see {@code cluster.ClusterReactor})
     * @param afterCommit told of every event this collector committed, here or not
     */
    public IngestPipeline(
            Vertx vertx,
            Topics topics,
            WireCodec codec,
            Stores stores,
            EventWriter writer,
            SiteProjection projection,
            AlertEngine alerts,
            LiveUpdates live,
            Counters counters,
            Clock clock,
            boolean reactHere,
            StoredEventListener afterCommit) {
        this.vertx = vertx;
        this.topics = topics;
        this.codec = codec;
        this.stores = stores;
        this.writer = writer;
        this.alerts = alerts;
        this.counters = counters;
        this.rejections = new Rejections(counters);
        this.clock = clock;
        this.reactions = new SiteReactions(projection, live);
        this.reactHere = reactHere;
        this.feed = reactHere ? null : stores.cluster();
        this.afterCommit = afterCommit;
    }

    public Rejections rejections() {
        return rejections;
    }

    /** Call on a Vert.x context; {@code site} is who sent it, for logs (the topic's site when unknown). */
    public Future<Outcome> accept(String topic, byte[] payload, boolean retain) {
        return accept(topic, payload, retain, null);
    }

    /**
     * An event payload decoded and validated where it arrived (thread-safe, no I/O), so that {@link #accept(String,
     * byte[], boolean, CheckedEvent)} needs no hop to a worker. Null for a topic that is not a site's events topic.
     */
    public CheckedEvent check(String topic, byte[] payload) {
        TopicRef ref = topics.parse(topic).orElse(null);
        if (ref == null || ref.kind() != TopicKind.EVENTS || payload.length == 0) {
            return null;
        }
        return new CheckedEvent(ref, decodeEvent(ref, payload));
    }

    /** The result of {@link #check}. */
    public static final class CheckedEvent {
        private final TopicRef ref;
        private final Decoded decoded;

        private CheckedEvent(TopicRef ref, Decoded decoded) {
            this.ref = ref;
            this.decoded = decoded;
        }
    }

    /** As {@link #accept(String, byte[], boolean)}, with the event already checked by {@link #check} (or null). */
    public Future<Outcome> accept(String topic, byte[] payload, boolean retain, CheckedEvent checked) {
        if (checked != null) {
            return checked.decoded.event() == null
                    ? Future.succeededFuture(checked.decoded.rejected())
                    : acceptEvent(checked.ref, checked.decoded.event(), payload);
        }
        TopicRef ref = topics.parse(topic).orElse(null);
        if (ref == null || ref.kind() == TopicKind.ALERTS || ref.kind() == TopicKind.COMMANDS) {
            return Future.succeededFuture(reject("?", "unknown_topic", "not a site topic of the contract: " + topic));
        }
        if (payload.length == 0) {
            if (retain && (ref.kind() == TopicKind.STATE || ref.kind() == TopicKind.STATUS)) {
                // stored as an empty snapshot, so that the cleared message does not come back after a restart
                return snapshot(ref, payload, clock.instant())
                        .map(v -> Outcome.CLEARED)
                        .otherwise(this::failed);
            }
            return Future.succeededFuture(reject(ref.site(), "invalid_json", "empty payload on " + topic));
        }
        if (ref.kind() == TopicKind.EVENTS) {
            // events are the bulk: validate and decode them on workers, off the endpoint's single event loop
            return vertx.executeBlocking(() -> decodeEvent(ref, payload), false)
                    .compose(decoded -> decoded.event() == null
                            ? Future.succeededFuture(decoded.rejected())
                            : acceptEvent(ref, decoded.event(), payload));
        }
        try {
            return switch (ref.kind()) {
                case STATUS -> acceptStatus(ref, codec.decode(PayloadKind.STATUS, payload), payload);
                case STATE -> acceptState(ref, codec.decode(PayloadKind.STATE, payload), payload);
                case METRICS -> acceptMetrics(ref, codec.decode(PayloadKind.METRICS, payload), payload);
                default -> Future.succeededFuture(reject(ref.site(), "unknown_topic", topic));
            };
        } catch (PayloadRejectedException e) {
            return Future.succeededFuture(reject(ref.site(), Rejections.reasonOf(e.violations()), e.getMessage()));
        }
    }

    private record Decoded(Event event, Outcome rejected) {}

    private Decoded decodeEvent(TopicRef ref, byte[] payload) {
        try {
            return new Decoded(codec.decode(PayloadKind.EVENT, payload), null);
        } catch (PayloadRejectedException e) {
            return new Decoded(null, reject(ref.site(), Rejections.reasonOf(e.violations()), e.getMessage()));
        }
    }

    private Future<Outcome> acceptEvent(TopicRef ref, Event event, byte[] payload) {
        if (!event.site().equals(ref.site())) {
            return Future.succeededFuture(siteMismatch(ref, event.site()));
        }
        Instant received = clock.instant();
        String json = new String(payload, StandardCharsets.UTF_8);
        Context ctx = vertx.getOrCreateContext();
        return Future.fromCompletionStage(
                        writer.submit(new dev.vigil.collector.store.StoredEvent(event, json, received)), ctx)
                .map(fresh -> {
                    if (!fresh) {
                        counters.increment("vigil_ingest_duplicates_total");
                        return Outcome.DUPLICATE;
                    }
                    counted(ref);
                    if (reactHere) {
                        alerts.apply(event.site(), reactions.event(event, json, received, this::storeBaseline));
                    }
                    afterCommit.stored(event, received);
                    return Outcome.STORED;
                })
                .otherwise(this::failed);
    }

    private Future<Outcome> acceptStatus(TopicRef ref, SiteStatus status, byte[] payload) {
        if (!status.site().equals(ref.site())) {
            return Future.succeededFuture(siteMismatch(ref, status.site()));
        }
        Instant received = clock.instant();
        return snapshot(ref, payload, received)
                .map(v -> {
                    counted(ref);
                    if (reactHere) {
                        alerts.apply(status.site(), reactions.status(status, received));
                    }
                    return Outcome.STORED;
                })
                .otherwise(this::failed);
    }

    private Future<Outcome> acceptState(TopicRef ref, SiteState state, byte[] payload) {
        if (!state.site().equals(ref.site())) {
            return Future.succeededFuture(siteMismatch(ref, state.site()));
        }
        Instant received = clock.instant();
        return snapshot(ref, payload, received)
                .map(v -> {
                    counted(ref);
                    if (reactHere) {
                        alerts.apply(state.site(), reactions.state(state, received, this::storeBaseline));
                    }
                    return Outcome.STORED;
                })
                .otherwise(this::failed);
    }

    private Future<Outcome> acceptMetrics(TopicRef ref, SiteMetrics metrics, byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        if (!metrics.site().equals(ref.site())) {
            return Future.succeededFuture(siteMismatch(ref, metrics.site()));
        }
        Instant received = clock.instant();
        List<MetricPoint> points = metrics.wans().stream()
                .map(w -> new MetricPoint(w.name(), metrics.time(), w.rttMs(), w.lossPct(), w.jitterMs()))
                .toList();
        return vertx.executeBlocking(
                        () -> {
                            stores.metrics().append(metrics.site(), points);
                            if (!reactHere) {
                                feed.append(metrics.site(), FeedRow.METRICS, json, received);
                            }
                            return null;
                        },
                        false)
                .map(v -> {
                    counted(ref);
                    if (reactHere) {
                        alerts.apply(metrics.site(), reactions.metrics(metrics, received));
                    }
                    return Outcome.STORED;
                })
                .otherwise(this::failed);
    }

    private Future<Void> snapshot(TopicRef ref, byte[] payload, Instant received) {
        Snapshot s =
                new Snapshot(ref.site(), ref.kind().level(), new String(payload, StandardCharsets.UTF_8), received);
        return vertx.executeBlocking(
                () -> {
                    stores.snapshots().put(s);
                    return null;
                },
                true);
    }

    private void storeBaseline(String site, String group, String master) {
        vertx.executeBlocking(() -> stores.snapshots().baseline(site, group, master), false);
    }

    private void counted(TopicRef ref) {
        counters.increment(Counters.label(
                "vigil_ingest_stored_total", "kind", ref.kind().level().toLowerCase(Locale.ROOT)));
    }

    private Outcome siteMismatch(TopicRef ref, String claimed) {
        return reject(
                ref.site(),
                "site_mismatch",
                "payload names site '" + claimed + "' but arrived on the topic of site '" + ref.site() + "'");
    }

    private Outcome reject(String site, String reason, String detail) {
        rejections.reject(site, reason, detail);
        return Outcome.rejected(reason);
    }

    private Outcome failed(Throwable t) {
        counters.increment("vigil_ingest_store_failures_total");
        return new Outcome(Outcome.Verdict.FAILED, String.valueOf(t.getMessage()));
    }
}
