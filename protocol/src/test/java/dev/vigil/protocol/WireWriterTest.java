package dev.vigil.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00.123Z");
    private static final Instant T_NANOS = Instant.parse("2026-11-22T03:00:00.123456789Z");
    private static final Instant T_WHOLE = Instant.parse("2026-11-22T03:00:00Z");
    private final WireCodec codec = new WireCodec();

    static Stream<Record> payloads() {
        var data = Json.object()
                .put("vrid", 10)
                .put("seq", 5_000_000_000L)
                .put("rtt_ms", 12.25)
                .put("loss", Double.NaN)
                .put("ratio", 1.5f)
                .put("big", new BigInteger("123456789012345678901234567890"))
                .put("dec", new BigDecimal("1.50"))
                .put("up", true)
                .put("text", "ä \"quoted\" \n line")
                .putNull("previous");
        data.putArray("targets").add("192.0.2.1").add(3).addNull().addObject().put("k", "v");
        data.putObject("nested").putArray("empty");
        return Stream.of(
                Event.of(
                        "01JD0000000000000000000000",
                        "acme-hq",
                        42,
                        T0,
                        "vrrp.master_changed",
                        Severity.WARNING,
                        "vrrp/eth0/IPv4/10",
                        data),
                Event.of(
                        "01JD0000000000000000000001",
                        "acme-hq",
                        1,
                        T_NANOS,
                        "agent.started",
                        Severity.INFO,
                        "agent",
                        null),
                new SiteStatus(1, "acme-hq", SiteStatus.ONLINE, T0, "0.1.0", 12),
                new SiteStatus(1, "acme-hq", SiteStatus.OFFLINE, T_WHOLE, null, 0),
                new SiteMetrics(
                        1,
                        "acme-hq",
                        T0,
                        List.of(
                                new SiteMetrics.WanMetric("wan1", "up", 0.0, 10.0, 14.0, 1.0),
                                new SiteMetrics.WanMetric("wan2", "unknown", null, null, null, null)),
                        List.of(
                                new SiteMetrics.RouterMetric("router-a", 5.0, 30.0, 3600L),
                                new SiteMetrics.RouterMetric("router-b", null, null, null))),
                new SiteMetrics(1, "acme-hq", T0, null, null),
                new SiteState(
                        1,
                        "acme-hq",
                        T0,
                        "0.1.0",
                        List.of(
                                new SiteState.RouterView(
                                        "router-a", "192.0.2.1", true, "master", 150, "7.16", 3.0, 41.5),
                                new SiteState.RouterView("router-b", null, false, "unknown", null, null, null, null)),
                        List.of(
                                new SiteState.VrrpGroupView(
                                        "eth0",
                                        null,
                                        "IPv4",
                                        10,
                                        3,
                                        "master",
                                        "192.0.2.1",
                                        150,
                                        1000,
                                        List.of("192.0.2.254", "192.0.2.253"),
                                        T0),
                                new SiteState.VrrpGroupView(
                                        "eth0", 20, "IPv6", 11, 3, "no_master", null, null, null, null, null)),
                        List.of(
                                new SiteState.WanView("wan1", "up", 0.0, 12.5, 0.8, T0),
                                new SiteState.WanView("wan2", "unknown", null, null, null, null))),
                new SiteState(1, "acme-hq", T0, null, null, null, null));
    }

    /** The same payloads without the first event, whose data (NaN, BigDecimal) only exists to compare bytes. */
    static Stream<Record> schemaValidPayloads() {
        return payloads().skip(1);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void encode_everyPayload_sameBytesAsTheObjectMapper(Record payload) {
        assertThat(new String(streamed(payload), UTF_8)).isEqualTo(codec.encodeToString(payload));
    }

    @ParameterizedTest
    @MethodSource("schemaValidPayloads")
    void encode_payload_acceptedByItsSchemaAndDecodedEqual(Record payload) throws Exception {
        assertThat((Record) codec.decode(kind(payload), streamed(payload))).isEqualTo(payload);
    }

    private static byte[] streamed(Record payload) {
        if (payload instanceof Event e) {
            return WireWriter.encode(e);
        } else if (payload instanceof SiteStatus s) {
            return WireWriter.encode(s);
        } else if (payload instanceof SiteMetrics m) {
            return WireWriter.encode(m);
        } else if (payload instanceof SiteState s) {
            return WireWriter.encode(s);
        }
        throw new AssertionError(payload);
    }

    private static PayloadKind kind(Record payload) {
        return payload instanceof Event
                ? PayloadKind.EVENT
                : payload instanceof SiteStatus
                        ? PayloadKind.STATUS
                        : payload instanceof SiteMetrics ? PayloadKind.METRICS : PayloadKind.STATE;
    }
}
