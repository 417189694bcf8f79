package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.auth.Directory.SitePrincipal;
import dev.vigil.collector.ingest.IngestPipeline;
import dev.vigil.collector.ingest.MqttOutbound;
import dev.vigil.collector.ingest.Outcome;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.MqttSessionChange;
import dev.vigil.collector.store.StoredMqttSession;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The embedded MQTT endpoint (MQTT 3.1.1 and 5): the connections that {@link ConnectAdmission} admitted, the
 * {@link Acl} on what they publish and subscribe, site messages fed to ingest and acknowledged at QoS 1 only after
 * they are committed, routing to subscribers with retained messages, persistent sessions and last wills, and what
 * the collector publishes itself ({@link MqttOutbound}). {@link #start()} completes only once the port is listening.
 */
public final class EmbeddedBroker extends VerticleBase {
    private static final System.Logger LOG = System.getLogger(EmbeddedBroker.class.getName());
    /** Event loops doing the MQTT decoding, encoding and socket I/O. */
    private static final int LISTENERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final String host;
    private final int port;
    private final TlsListener tls;
    private final Duration connectDeadline;
    private final ConnectGate gate;
    private final java.util.Map<String, Consumer<byte[]>> consumers;
    private final Acl acl;
    private final IngestPipeline ingest;
    private final Counters counters;
    private final MessageRouter router;
    private final Clock clock;
    private final long maxSessionExpirySeconds;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Context brokerContext;
    private ConnectDeadline deadline;
    private ConnectAdmission admission;

    /** @param sessionLog where persistent sessions record their changes (the store, through a {@link SessionJournal}) */
    public EmbeddedBroker(
            EndpointSettings settings,
            ConnectGate gate,
            Acl acl,
            IngestPipeline ingest,
            Counters counters,
            Consumer<MqttSessionChange> sessionLog,
            Clock clock) {
        this.host = settings.host();
        this.port = settings.port();
        this.tls = settings.tls();
        this.connectDeadline = settings.connectDeadline();
        this.maxSessionExpirySeconds = settings.sessionExpiry().toSeconds();
        this.gate = gate;
        this.acl = acl;
        this.ingest = ingest;
        this.counters = counters;
        this.router = new MessageRouter(sessionLog);
        this.consumers = new java.util.concurrent.ConcurrentHashMap<>();
        this.clock = clock;
        counters.gauge("vigil_mqtt_sessions", router::sessionCount);
        counters.gauge("vigil_mqtt_session_queued", router::waitingCount);
        counters.gauge("vigil_mqtt_retained", router::retainedCount);
    }

    @Override
    public Future<?> start() {
        brokerContext = context;
        deadline = new ConnectDeadline(vertx, connectDeadline, counters);
        admission = new ConnectAdmission(vertx, gate, acl, counters);
        long expiryCheckMs = Math.max(100, Math.min(60_000, maxSessionExpirySeconds * 1000 / 4));
        vertx.setPeriodic(expiryCheckMs, t -> router.expire(clock.instant()));
        // several instances on the same ports: Vert.x shares the sockets (within this deployment) and spreads the
        // connections. Port 0 is resolved to one free port first: each instance would bind a port of its own.
        return MqttOutbound.serve(vertx, m -> router.route(new BrokerMessage(m.topic(), m.payload(), 1, m.retain())))
                .compose(served -> vertx.executeBlocking(
                                () -> new int[] {resolve(port), tls == null ? -1 : resolve(tls.port())}, false)
                        .compose(ports -> vertx.deployVerticle(
                                () -> {
                                    Listener l = listener(
                                            ports[0],
                                            tls == null
                                                    ? null
                                                    : new TlsListener(ports[1], tls.certFile(), tls.keyFile()));
                                    listeners.add(l);
                                    return l;
                                },
                                new DeploymentOptions().setInstances(LISTENERS))))
                .map(id -> {
                    LOG.log(
                            Level.INFO,
                            "MQTT endpoint listening on {0}:{1,number,#} ({2} event loops)",
                            host,
                            actualPort(),
                            LISTENERS);
                    if (tls != null) {
                        LOG.log(Level.INFO, "MQTT over TLS listening on {0}:{1,number,#}", host, actualTlsPort());
                    }
                    return id;
                });
    }

    /** A configured port, or for 0 a port that is free now (blocking). */
    private int resolve(int configured) throws java.io.IOException {
        if (configured != 0) {
            return configured;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(host, 0));
            return probe.getLocalPort();
        }
    }

    private Listener listener(int listenPort, TlsListener listenTls) {
        return new Listener(
                host, listenPort, listenTls, counters, deadline, e -> onHub(() -> admission.admit(e, this::accept)));
    }

    /** Sessions, routing and retained messages are used on the broker's context only: everything hops there. */
    private void onHub(Runnable r) {
        brokerContext.runOnContext(v -> r.run());
    }

    public int actualPort() {
        return listeners.get(0).actualPort();
    }

    /** The plain port of every listener instance (all the same one once started). */
    public java.util.Set<Integer> listenerPorts() {
        return listeners.stream().map(Listener::actualPort).collect(java.util.stream.Collectors.toSet());
    }

    /** The TLS port actually listening, -1 without TLS. */
    public int actualTlsPort() {
        return listeners.get(0).actualTlsPort();
    }

    /**
     * What clients may publish on {@code topic} (as the ACL allows) goes to the handler, on the broker's context,
     * instead of ingest: Home Assistant's birth message. Set before clients connect.
     */
    public void consume(String topic, Consumer<byte[]> handler) {
        consumers.put(topic, handler);
    }

    /** Restores a persistent session at start-up, before the endpoint starts. */
    public void restoreSession(StoredMqttSession session) {
        router.restore(session, clock.instant());
    }

    /** Restores a retained message at start-up, before clients connect. */
    public void restoreRetained(BrokerMessage message) {
        router.restoreRetained(message);
    }

    private void accept(MqttEndpoint endpoint, Principal who) {
        Session previous = router.current(endpoint.clientIdentifier());
        if (previous != null
                && previous.endpoint() != null
                && previous.endpoint().isConnected()) {
            previous.endpoint().close(); // session take-over (MQTT 3.1.1 §3.1.4)
        }
        boolean present = !endpoint.isCleanSession() && router.hasSession(endpoint.clientIdentifier(), who);
        SessionExpiry expiry = SessionExpiry.of(endpoint, maxSessionExpirySeconds);
        Session session = router.open(endpoint.clientIdentifier(), who, endpoint.isCleanSession(), expiry.granted());
        ConnectionHandler handler = new ConnectionHandler(endpoint, session);
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(m -> {
            byte[] payload = m.payload().getBytes(); // copied on the connection's loop, before the buffer is reused
            // events are validated here, on the connection's loop, in parallel with the other listeners
            IngestPipeline.CheckedEvent checked =
                    acl.mayPublish(who, m.topicName()) ? ingest.check(m.topicName(), payload) : null;
            if (checked != null) {
                handler.onEvent(m, payload, checked);
            } else {
                onHub(() -> handler.onPublish(m, payload));
            }
        });
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.subscribeHandler(sub -> onHub(() -> handler.onSubscribe(sub)));
        endpoint.unsubscribeHandler(u -> onHub(() -> {
            u.topics().forEach(session::unsubscribe);
            endpoint.unsubscribeAcknowledge(u.messageId());
        }));
        endpoint.disconnectHandler(v -> onHub(() -> handler.graceful = true));
        endpoint.closeHandler(v -> onHub(handler::onClose));
        endpoint.exceptionHandler(e -> LOG.log(Level.DEBUG, "MQTT client {0}: {1}", endpoint.clientIdentifier(), e));
        endpoint.accept(present, expiry.connackProperties());
        session.attach(endpoint, this::onHub);
        counters.increment("vigil_mqtt_accepted_total");
    }

    /** The handlers of one accepted connection. */
    private final class ConnectionHandler {
        private final MqttEndpoint endpoint;
        private final Session session;
        private boolean graceful;
        /** Set on the connection's loop or the broker's context, read on the broker's context. */
        private volatile boolean suppressWill;

        ConnectionHandler(MqttEndpoint endpoint, Session session) {
            this.endpoint = endpoint;
            this.session = session;
        }

        void onPublish(MqttPublishMessage m, byte[] payload) {
            if (!acl.mayPublish(session.principal(), m.topicName())) {
                notAuthorizedPublish(m);
                return;
            }
            Consumer<byte[]> consumer = consumers.get(m.topicName());
            if (consumer != null) {
                consumer.accept(payload);
                acknowledge(m, Outcome.STORED);
                return;
            }
            ingest.accept(m.topicName(), payload, m.isRetain()).onComplete(ar -> {
                Outcome outcome = settled(ar);
                if (outcome != null) {
                    if (outcome.routable()) {
                        router.route(routed(m, payload));
                    }
                    acknowledge(m, outcome);
                }
            });
        }

        /**
         * An event already checked on the connection's loop (so its topic is allowed): it goes to the writer from
         * here and is acknowledged here once committed, without a hop to the broker's context and back; only the
         * routing to subscribers goes there, after the PUBACK. A connection's events reach the writer, and their
         * PUBACKs leave, in PUBLISH order.
         */
        void onEvent(MqttPublishMessage m, byte[] payload, IngestPipeline.CheckedEvent checked) {
            ingest.accept(m.topicName(), payload, m.isRetain(), checked).onComplete(ar -> {
                Outcome outcome = settled(ar);
                if (outcome != null) {
                    acknowledge(m, outcome);
                    if (outcome.routable() && router.anySubscriber()) {
                        onHub(() -> router.route(routed(m, payload)));
                    }
                }
            });
        }

        /** The outcome, or null when the message failed and the connection is being closed instead. */
        private Outcome settled(io.vertx.core.AsyncResult<Outcome> ar) {
            Outcome outcome = ar.succeeded() ? ar.result() : new Outcome(Outcome.Verdict.FAILED, "internal");
            if (outcome.verdict() != Outcome.Verdict.FAILED) {
                return outcome;
            }
            // not acknowledged: close so that the client sends it again on its next connection
            suppressWill = true;
            endpoint.close();
            return null;
        }

        private BrokerMessage routed(MqttPublishMessage m, byte[] payload) {
            return new BrokerMessage(
                    m.topicName(),
                    payload,
                    Math.min(1, m.qosLevel().value()),
                    m.isRetain() && retainable(m.topicName()));
        }

        private boolean retainable(String topic) {
            return topic.endsWith("/state") || topic.endsWith("/status");
        }

        private void acknowledge(MqttPublishMessage m, Outcome outcome) {
            if (!endpoint.isConnected()) {
                return;
            }
            if (m.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                if (endpoint.protocolVersion() >= 5 && outcome.verdict() == Outcome.Verdict.REJECTED) {
                    endpoint.publishAcknowledge(
                            m.messageId(), MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID, MqttProperties.NO_PROPERTIES);
                } else {
                    endpoint.publishAcknowledge(m.messageId());
                }
            } else if (m.qosLevel() == MqttQoS.EXACTLY_ONCE) {
                endpoint.publishReceived(m.messageId());
            }
        }

        private void notAuthorizedPublish(MqttPublishMessage m) {
            String who = session.principal() instanceof SitePrincipal s ? s.site() : "(a user)";
            ingest.rejections().reject(who, "not_authorized", "may not publish to " + m.topicName());
            if (endpoint.protocolVersion() >= 5 && m.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                endpoint.publishAcknowledge(
                        m.messageId(), MqttPubAckReasonCode.NOT_AUTHORIZED, MqttProperties.NO_PROPERTIES);
            } else {
                // MQTT 3.1.1 cannot refuse a PUBLISH: the connection is closed (§3.3.5)
                endpoint.close();
            }
        }

        void onSubscribe(MqttSubscribeMessage s) {
            List<MqttSubAckReasonCode> codes = new ArrayList<>();
            List<BrokerMessage> retained = new ArrayList<>();
            s.topicSubscriptions().forEach(sub -> {
                if (acl.maySubscribe(session.principal(), sub.topicName())) {
                    int granted = Math.min(1, sub.qualityOfService().value());
                    session.subscribe(sub.topicName(), granted);
                    router.subscribed(session);
                    codes.add(MqttSubAckReasonCode.qosGranted(MqttQoS.valueOf(granted)));
                    retained.addAll(router.retainedFor(sub.topicName(), granted));
                } else {
                    counters.increment("vigil_mqtt_subscriptions_refused_total");
                    codes.add(
                            endpoint.protocolVersion() >= 5
                                    ? MqttSubAckReasonCode.NOT_AUTHORIZED
                                    : MqttSubAckReasonCode.UNSPECIFIED_ERROR);
                }
            });
            endpoint.subscribeAcknowledge(s.messageId(), codes, MqttProperties.NO_PROPERTIES);
            retained.forEach(session::deliver);
        }

        void onClose() {
            if (router.current(session.clientId()) == session && session.endpoint() == endpoint) {
                router.closed(session, clock.instant());
            }
            if (!graceful
                    && !suppressWill
                    && endpoint.will() != null
                    && endpoint.will().isWillFlag()) {
                publishWill();
            }
        }

        private void publishWill() {
            String topic = endpoint.will().getWillTopic();
            byte[] payload = endpoint.will().getWillMessageBytes();
            boolean retain = endpoint.will().isWillRetain();
            int qos = Math.min(1, endpoint.will().getWillQos());
            ingest.accept(topic, payload, retain).onSuccess(outcome -> {
                if (outcome.routable()) {
                    router.route(new BrokerMessage(topic, payload, qos, retain && retainable(topic)));
                }
            });
        }
    }
}
