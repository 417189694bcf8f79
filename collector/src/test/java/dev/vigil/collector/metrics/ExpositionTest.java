package dev.vigil.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.state.SiteView;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.SiteState;
import dev.vigil.testkit.prometheus.Promtool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text format and the site families, checked with Debian's promtool. */
class ExpositionTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void sample_labelWithQuoteNewlineAndBackslash_isEscaped() {
        String text = new Exposition()
                .family("vigil_x", "gauge", "help")
                .sample("vigil_x", 1, "router", "a\"b\nc\\d")
                .text();
        assertThat(text).contains("vigil_x{router=\"a\\\"b\\nc\\\\d\"} 1\n");
        assertThat(Promtool.checkMetrics(text).exitCode()).isZero();
    }

    @Test
    void sample_unescapedQuote_wouldBeRejectedByPromtool() {
        // proves the check above can fail: promtool refuses the raw value
        String broken = "# HELP vigil_x help\n# TYPE vigil_x gauge\nvigil_x{router=\"a\"b\"} 1\n";
        assertThat(Promtool.checkMetrics(broken).exitCode()).isNotZero();
    }

    @Test
    void siteSeries_hostileRouterNames_passPromtoolAndKeepKeepalivedNumbering() {
        SiteState.VrrpGroupView group = new SiteState.VrrpGroupView(
                "eth0", 100, "IPv4", 10, 3, "master", "192.0.2.11", 200, 1000, List.of("192.0.2.1"), T);
        SiteState.RouterView a =
                new SiteState.RouterView("router \"a\"\nnew", "192.0.2.11", true, "master", 200, "7.15", 3.0, 40.0);
        SiteState.RouterView b =
                new SiteState.RouterView("router\\b", "192.0.2.12", true, "backup", 100, "7.15", 3.0, 40.0);
        SiteState.WanView wan = new SiteState.WanView("wan1", "degraded", 12.5, 40.0, 1.0, T);
        SiteState state = new SiteState(
                Protocol.SCHEMA_VERSION, "acme-hq", T, "1.0", List.of(a, b), List.of(group), List.of(wan));
        SiteView view = SiteView.empty("acme-hq", List.of()).heard(T, state, Map.of());
        Exposition out = new Exposition();
        SiteSeries.write(out, List.of(view), Map.of(new VrrpTransitions.Group("acme-hq", "vrrp/eth0.100/IPv4/10"), 3L));
        OpsSeries.write(out, Map.of("vigil_ingest_rejected_total{reason=\"schema\"}", 2L));
        String text = out.text();

        assertThat(Promtool.checkMetrics(text))
                .satisfies(v -> assertThat(v.exitCode()).as(v.output()).isZero());
        String labelsA = "site=\"acme-hq\",router=\"router \\\"a\\\"\\nnew\",interface=\"eth0.100\",family=\"IPv4\","
                + "vrid=\"10\"";
        String labelsB = "site=\"acme-hq\",router=\"router\\\\b\",interface=\"eth0.100\",family=\"IPv4\",vrid=\"10\"";
        assertThat(text)
                .contains("vigil_vrrp_state{" + labelsA + "} 2\n")
                .contains("vigil_vrrp_is_master{" + labelsA + "} 1\n")
                .contains("vigil_vrrp_state{" + labelsB + "} 1\n")
                .contains("vigil_vrrp_is_master{" + labelsB + "} 0\n")
                .contains("vigil_vrrp_transitions_total{site=\"acme-hq\",interface=\"eth0.100\",family=\"IPv4\","
                        + "vrid=\"10\"} 3\n")
                .contains("vigil_vrrp_last_transition_timestamp_seconds{site=\"acme-hq\",interface=\"eth0.100\","
                        + "family=\"IPv4\",vrid=\"10\"} 1772359200\n")
                .contains("vigil_wan_up{site=\"acme-hq\",wan=\"wan1\"} 0.5\n")
                .contains("vigil_wan_rtt_seconds{site=\"acme-hq\",wan=\"wan1\"} 0.04\n")
                .contains("vigil_wan_loss_ratio{site=\"acme-hq\",wan=\"wan1\"} 0.125\n")
                .contains("vigil_site_status{site=\"acme-hq\",status=\"degraded\"} 1\n")
                .contains("vigil_site_status{site=\"acme-hq\",status=\"ok\"} 0\n")
                .contains("vigil_alerts_open{site=\"acme-hq\",severity=\"critical\"} 0\n")
                .contains("vigil_ingest_rejected_total{reason=\"schema\"} 2\n")
                .contains("vigil_ingest_stored_total{kind=\"events\"} 0\n");
    }

    @ParameterizedTest
    @CsvSource({
        "master, 192.0.2.11, backup, true, 2",
        "master, 192.0.2.99, backup, true, 1",
        "master, 192.0.2.99, unknown, false, 0",
        "no_master, , backup, true, 3",
        "split_brain, 192.0.2.99, master, true, 2",
        "split_brain, 192.0.2.99, backup, true, 1"
    })
    void vrrpNumbering_groupAndRouter_followsKeepalivedExporter(
            String groupState, String master, String role, boolean reachable, int expected) {
        SiteState.VrrpGroupView g =
                new SiteState.VrrpGroupView("eth0", null, "IPv4", 10, 3, groupState, master, 200, 1000, List.of(), T);
        SiteState.RouterView r =
                new SiteState.RouterView("router-a", "192.0.2.11", reachable, role, 100, "7.15", 1.0, 1.0);
        assertThat(VrrpNumbering.of(g, r)).isEqualTo(expected);
    }
}
