package dev.vigil.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00.123Z");
    private final WireCodec codec = new WireCodec();

    @Test
    void event_roundTrip_keepsEveryField() throws Exception {
        var data = Json.object().put("vrid", 10).put("master", "192.0.2.11").put("previous", "192.0.2.12");
        Event event = Event.of(
                new EventIds().next(),
                "acme-hq",
                42,
                T0,
                "vrrp.master_changed",
                Severity.WARNING,
                "vrrp/eth0/IPv4/10",
                data);

        byte[] wire = codec.encode(event);
        Event back = codec.decodeEvent(wire);

        assertThat(back).isEqualTo(event);
        assertThat(new String(wire, UTF_8))
                .contains("\"severity\":\"warning\"")
                .contains("\"time\":\"2026-11-22T03:00:00.123Z\"");
    }

    @Test
    void state_roundTrip_keepsNestedViewsAndOmitsNulls() throws Exception {
        var state = new SiteState(
                1,
                "acme-hq",
                T0,
                "0.1.0",
                List.of(new SiteState.RouterView("router-a", "192.0.2.1", true, "master", 150, "7.16", 3.0, 41.5)),
                List.of(new SiteState.VrrpGroupView(
                        "eth0", null, "IPv4", 10, 3, "master", "192.0.2.1", 150, 1000, List.of("192.0.2.254"), T0)),
                List.of(new SiteState.WanView("wan1", "up", 0.0, 12.5, 0.8, T0)));

        byte[] wire = codec.encode(state);
        SiteState back = codec.decode(PayloadKind.STATE, wire);

        assertThat(back).isEqualTo(state);
        assertThat(new String(wire, UTF_8)).doesNotContain("vlan").contains("\"mem_used_pct\":41.5");
    }

    @Test
    void statusMetricsAlertCommand_roundTrip() throws Exception {
        var status = new SiteStatus(1, "acme-hq", SiteStatus.ONLINE, T0, "0.1.0", 12);
        var metrics = new SiteMetrics(
                1,
                "acme-hq",
                T0,
                List.of(new SiteMetrics.WanMetric("wan1", "up", 0.0, 10.0, 14.0, 1.0)),
                List.of(new SiteMetrics.RouterMetric("router-a", 5.0, 30.0, 3600L)));
        var alert = new Alert(
                1,
                "a-1",
                "acme-hq",
                "wan_down",
                Severity.CRITICAL,
                "open",
                "WAN wan1 down",
                "No reply from 3 targets",
                null,
                T0,
                T0);
        var command = new Command(
                1,
                new EventIds().next(),
                "acme-hq",
                T0,
                T0.plusSeconds(600),
                "alice",
                "failover_drill",
                Json.object(),
                "A".repeat(86));

        assertThat((SiteStatus) codec.decode(PayloadKind.STATUS, codec.encode(status)))
                .isEqualTo(status);
        assertThat((SiteMetrics) codec.decode(PayloadKind.METRICS, codec.encode(metrics)))
                .isEqualTo(metrics);
        assertThat((Alert) codec.decode(PayloadKind.ALERT, codec.encode(alert))).isEqualTo(alert);
        assertThat((Command) codec.decode(PayloadKind.COMMAND, codec.encode(command)))
                .isEqualTo(command);
    }

    @Test
    void decode_invalidPayload_throwsWithEveryViolation() {
        byte[] bad = "{\"v\":1,\"site\":\"a/b\",\"seq\":-1}".getBytes(UTF_8);

        assertThatThrownBy(() -> codec.decodeEvent(bad))
                .isInstanceOf(PayloadRejectedException.class)
                .hasMessageContaining("$.site: must match")
                .hasMessageContaining("$.seq: must be at least 0")
                .hasMessageContaining("$.id: is required")
                .satisfies(e ->
                        assertThat(((PayloadRejectedException) e).violations()).hasSizeGreaterThanOrEqualTo(7));
    }
}
