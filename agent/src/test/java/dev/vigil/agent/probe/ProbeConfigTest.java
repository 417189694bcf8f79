package dev.vigil.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.probe.track.TrackerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ProbeConfig parse(String yaml) throws Exception {
        return ProbeConfig.parse(ConfigNode.root(YAML.readTree(yaml), problems));
    }

    @Test
    void parse_minimalWan_takesDocumentedDefaults() throws Exception {
        ProbeConfig config = parse("wans: [{name: wan1, targets: [198.51.100.65, 198.51.100.66]}]");
        assertThat(problems).isEmpty();
        WanConfig wan = config.wans().get(0);
        assertThat(wan.probe().method()).isEqualTo(ProbeMethod.ICMP);
        assertThat(wan.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(wan.timeout()).isEqualTo(Duration.ofMillis(400));
        assertThat(wan.tracking()).isEqualTo(TrackerSettings.defaults());
        assertThat(config.checks()).isEmpty();
    }

    @Test
    void parse_fullExample_readsEveryKey() throws Exception {
        ProbeConfig config = parse("""
                wans:
                  - name: wan1
                    router: router-a
                    method: icmp
                    targets: [198.51.100.65, 198.51.100.66, 198.51.100.67]
                    source: 192.0.2.10
                    interface: eth1
                    interval: 250ms
                    timeout: 300ms
                    reliability: 2
                    down_rounds: 4
                    up_hold: 30s
                    window: 1m
                    degraded_loss: 40
                    recover_loss: 5
                    degraded_rtt: 150ms
                    degraded_jitter: 30ms
                  - {name: wan2, method: router, router: router-b, interface: ether2, targets: [203.0.113.65]}
                checks:
                  - {name: office-dns, kind: dns, server: 192.0.2.53, query: example.com, interval: 5s}
                  - {name: intranet, kind: http, url: "https://intranet.example/health", expect_body: ok}
                  - {name: erp, kind: tcp, target: erp.example, port: 5432, failures: 3}
                """);
        assertThat(problems).isEmpty();
        WanConfig wan1 = config.wan("wan1").orElseThrow();
        assertThat(wan1.probe().source().getHostAddress()).isEqualTo("192.0.2.10");
        assertThat(wan1.probe().iface()).isEqualTo("eth1");
        assertThat(wan1.tracking())
                .isEqualTo(new TrackerSettings(
                        2,
                        4,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        40,
                        5,
                        Duration.ofMillis(150),
                        Duration.ofMillis(30),
                        TrackerSettings.DEFAULT_MIN_SAMPLES));
        assertThat(config.wan("wan2").orElseThrow().probe().router()).isEqualTo("router-b");
        assertThat(config.checks())
                .extracting(CheckConfig::target)
                .containsExactly("192.0.2.53", "https://intranet.example/health", "erp.example");
        assertThat(config.checks().get(2).probe().port()).isEqualTo(5432);
        assertThat(config.checks().get(2).failures()).isEqualTo(3);
        assertThat(config.checks().get(0).probe().port()).isEqualTo(53);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "interval: 10ms | wans[0].interval | must be a duration from 100ms to 1m",
                "timeout: forever | wans[0].timeout | must be a duration from 50ms to 30s",
                "reliability: 4 | wans[0].reliability | must be a whole number from 1 to 3",
                "down_rounds: 0 | wans[0].down_rounds | must be a whole number from 1 to 100",
                "up_hold: 2h | wans[0].up_hold | must be a duration from 0s to 1h",
                "degraded_loss: 120 | wans[0].degraded_loss | must be a number from 1.0 to 100.0",
                "recover_loss: 35 | wans[0].recover_loss | must be below degraded_loss",
                "window: 1s | wans[0].window | must hold at least 4 rounds",
                "method: smoke | wans[0].method | must be one of icmp, tcp, http, dns, router",
                "source: not-an-ip | wans[0].source | must be a literal IPv4 or IPv6 address",
                "interface: this-name-is-far-too-long | wans[0].interface | must be an interface name",
                "method: tcp | wans[0].port | is required with method tcp",
                "port: 80 | wans[0].port | is only used with methods tcp and dns",
                "method: router | wans[0].router | is required with method router",
                "timout: 1s | wans[0].timout | unknown key (did you mean 'timeout'?)",
                "degraded_rtt: 0ms | wans[0].degraded_rtt | must be a duration from 1ms to 1m",
            })
    void parse_badWanValue_reportsKeyAndAcceptedRange(String line, String key, String message) throws Exception {
        parse("wans:\n  - name: wan1\n    targets: [198.51.100.65, 198.51.100.66, 198.51.100.67]\n    " + line + "\n");
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.problem()).contains(message);
        });
    }

    @Test
    void parse_interfaceOnTcpHttpDns_acceptedAsTheAddressToBind() throws Exception {
        ProbeConfig config =
                parse("wans: [{name: wan1, method: dns, query: example.com, interface: eth1, targets: [192.0.2.53]}]");
        assertThat(problems).isEmpty();
        assertThat(config.wans().get(0).probe().iface()).isEqualTo("eth1");
    }

    private void parseForThisHost(String yaml) throws Exception {
        ProbeConfig.parseForThisHost(ConfigNode.root(YAML.readTree(yaml), problems));
    }

    @Test
    void parseForThisHost_loopbackInterfaceAndAddress_accepted() throws Exception {
        parseForThisHost("""
                wans: [{name: wan1, method: tcp, port: 80, interface: lo, source: 127.0.0.1, targets: [127.0.0.1]}]
                checks: [{name: web, kind: http, url: "http://127.0.0.1/", source: 127.0.0.1}]
                """);
        assertThat(problems).isEmpty();
    }

    @Test
    void parseForThisHost_missingInterface_namesItAndTheHostsInterfaces() throws Exception {
        parseForThisHost("wans: [{name: wan1, method: tcp, port: 80, interface: vigil-nope0, targets: [192.0.2.1]}]");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("wans[0].interface");
            assertThat(p.value()).isEqualTo("vigil-nope0");
            assertThat(p.problem())
                    .startsWith("no such interface on this host (it has: ")
                    .contains("lo");
        });
    }

    @Test
    void parseForThisHost_sourceNotOnHost_namesItAndTheHostsAddresses() throws Exception {
        parseForThisHost("checks: [{name: db, kind: tcp, target: 192.0.2.5, port: 5432, source: 192.0.2.99}]");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("checks[0].source");
            assertThat(p.value()).isEqualTo("192.0.2.99");
            assertThat(p.problem())
                    .startsWith("is not an address of this host (its addresses: ")
                    .contains("127.0.0.1");
        });
    }

    @Test
    void parseForThisHost_sourceNotOnTheNamedInterface_namesTheInterfacesAddresses() throws Exception {
        parseForThisHost("wans: [{name: wan1, interface: lo, source: 192.0.2.99, targets: [192.0.2.1]}]");
        assertThat(problems)
                .extracting(ConfigProblem::toString)
                .singleElement()
                .asString()
                .startsWith("wans[0].source = '192.0.2.99': is not an address of interface lo (its addresses: ")
                .contains("127.0.0.1");
    }

    @Test
    void parseForThisHost_methodRouter_interfaceIsTheRoutersAndNotChecked() throws Exception {
        parseForThisHost(
                "wans: [{name: wan1, method: router, router: r1, interface: ether1, targets: [198.51.100.65]}]");
        assertThat(problems).isEmpty();
    }

    @Test
    void parse_badTargets_eachReportedWithItsIndex() throws Exception {
        parse("""
                wans:
                  - {name: wan1, targets: [198.51.100.65, "bad host!", 999.1.1.1]}
                  - {name: wan2, method: http, targets: ["ftp://198.51.100.65/"]}
                  - {name: wan3, method: dns, query: example.com, targets: [dns.example]}
                  - {name: wan4, targets: []}
                """);
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .contains(
                        "wans[0].targets[1]",
                        "wans[0].targets[2]",
                        "wans[1].targets[0]",
                        "wans[2].targets[0]",
                        "wans[3].targets");
        assertThat(problems)
                .filteredOn(p -> p.key().equals("wans[1].targets[0]"))
                .singleElement()
                .satisfies(
                        p -> assertThat(p.toString())
                                .isEqualTo(
                                        "wans[1].targets[0] = 'ftp://198.51.100.65/': must be an http:// or https:// URL with a host"));
    }

    @Test
    void parse_duplicateAndMissingNames_reported() throws Exception {
        parse("""
                wans:
                  - {name: wan1, targets: [198.51.100.65]}
                  - {name: wan1, targets: [198.51.100.66]}
                  - {targets: [198.51.100.67]}
                checks:
                  - {name: "-x", kind: tcp, target: 192.0.2.5}
                """);
        assertThat(problems)
                .extracting(ConfigProblem::toString)
                .contains(
                        "wans[1].name = 'wan1': is used twice; names must be unique",
                        "wans[2].name: is required",
                        "checks[0].port: is required with method tcp (1 to 65535)");
        assertThat(problems).anySatisfy(p -> assertThat(p.key()).isEqualTo("checks[0].name"));
    }

    @Test
    void parse_badChecks_reported() throws Exception {
        parse("""
                checks:
                  - {name: dns, kind: dns, server: 192.0.2.53}
                  - {name: web, kind: http}
                  - {name: erp, kind: smtp, target: 192.0.2.25}
                  - {name: slow, kind: icmp, target: 192.0.2.1, failures: 0, interval: 2h}
                wans: {name: wan1}
                """);
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .contains(
                        "checks[0].query",
                        "checks[1].url",
                        "checks[2].kind",
                        "checks[3].failures",
                        "checks[3].interval",
                        "wans");
    }
}
