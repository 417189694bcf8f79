package dev.vigil.agent.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.publish.FsyncPolicy;
import dev.vigil.agent.publish.OutboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private AgentConfig load(String yaml) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml, UTF_8);
        return AgentConfig.load(file, new SecretReader(Map.of("MQTT_PW", "s3cret-from-env"), warnings::add));
    }

    private List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (ConfigInvalidException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the config to be refused:\n" + yaml);
    }

    @Test
    void parse_minimalConfig_documentedDefaults() throws Exception {
        AgentConfig config = load("site: acme-hq\nmqtt: {url: 'tcp://192.0.2.1:1883'}\n");

        assertThat(config.site()).isEqualTo("acme-hq");
        assertThat(config.mqtt().clientId()).isEqualTo("vigil-agent-acme-hq");
        assertThat(config.mqtt().topicPrefix()).isEqualTo("vigil/v1");
        assertThat(config.mqtt().inflight()).isEqualTo(32);
        assertThat(config.mqtt().reconnectMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.mqtt().reconnectMax()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.outbox().dir()).isEqualTo(Path.of("/var/lib/vigil/outbox"));
        assertThat(config.outbox().settings()).isEqualTo(OutboxSettings.defaults());
        assertThat(config.http().listen().getPort()).isEqualTo(9108);
        assertThat(config.http().listen().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void parse_fullConfig_everyKeyRead() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        Path pw = Files.writeString(dir.resolve("mqtt.secret"), "hunter2\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        AgentConfig config = load(String.format(java.util.Locale.ROOT, """
                site: branch-7
                mqtt:
                  url: ssl://203.0.113.5:8883
                  topic_prefix: msp/vigil
                  client_id: agent-7
                  username: branch-7
                  password_file: %s
                  ca_file: %s
                  keep_alive: 20s
                  connect_timeout: 5s
                  inflight: 8
                  reconnect: {min: 500ms, max: 30s}
                  flush_timeout: 2s
                  metrics_interval: 30s
                outbox: {dir: %s, max_bytes: 8MB, fsync: always}
                http: {listen: "[::1]:9200"}
                """, pw, ca, dir.resolve("ob")));

        assertThat(config.mqtt().tls()).isTrue();
        assertThat(config.mqtt().password().reveal()).isEqualTo("hunter2");
        assertThat(config.mqtt().toString()).doesNotContain("hunter2");
        assertThat(config.mqtt().topics().events("branch-7")).isEqualTo("msp/vigil/sites/branch-7/events");
        assertThat(config.mqtt().inflight()).isEqualTo(8);
        assertThat(config.mqtt().reconnectMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.outbox().settings().maxBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.outbox().settings().fsync()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(config.http().listen().getPort()).isEqualTo(9200);
        assertThat(warnings).isEmpty();
    }

    @Test
    void parse_passwordFromEnvironment_readAndNeverShown() throws Exception {
        AgentConfig config = load("site: s\nmqtt: {url: 'tcp://192.0.2.1', username: s, password_env: MQTT_PW}\n");

        assertThat(config.mqtt().password().reveal()).isEqualTo("s3cret-from-env");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void parse_secretFileReadableByOthers_warnsButAccepts() throws Exception {
        Path pw = Files.writeString(dir.resolve("open.secret"), "pw");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));

        load("site: s\nmqtt: {url: 'tcp://192.0.2.1', username: s, password_file: " + pw + "}\n");

        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("readable by every user")
                .doesNotContain("pw\n");
    }

    @Test
    void parse_emptyFile_refused() {
        assertThat(problems("")).containsExactly("(top level): the file is empty");
    }

    @Test
    void parse_manyProblems_allReportedAtOnce() {
        List<String> problems = problems("""
                site: "bad site!"
                sitee: x
                mqtt:
                  url: http://192.0.2.1:80
                  password: inline
                  inflight: 0
                  reconnect: {min: 10s, max: 1s}
                  keep_alive: forever
                outbox: {max_bytes: 12 parsecs, fsync: sometimes}
                http: {listen: "localhost"}
                """);

        assertThat(problems)
                .hasSize(11)
                .contains(
                        "site = 'bad site!': must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
                                + " or digit",
                        "sitee: unknown key (did you mean 'site'?); accepted here: site, vrrp, wans, checks, routers, policy,"
                                + " mqtt, outbox, http, commands, config_backup",
                        "mqtt.url = 'http://192.0.2.1:80': must be tcp://HOST:PORT or ssl://HOST:PORT (port defaults"
                                + " to 1883 / 8883)",
                        "mqtt.password = '******': secrets are never written inline: use password_file or password_env",
                        "mqtt.inflight = '0': must be a whole number from 1 to 1000",
                        "mqtt.reconnect.max = '1s': must not be shorter than reconnect.min",
                        "outbox.fsync = 'sometimes': must be one of always, batch, never",
                        "http.listen = 'localhost': must be ADDRESS:PORT with a literal address, e.g. 127.0.0.1:9108 or"
                                + " [::1]:9108");
        assertThat(String.join("\n", problems)).doesNotContain("inline\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "mqtt missing|site: s|mqtt: is required (at least mqtt.url)",
                "site missing|mqtt: {url: 'tcp://192.0.2.1'}|site: is required",
                "url missing|site: s\\nmqtt: {username: u}|mqtt.url: is required",
                "password without user|site: s\\nmqtt: {url: 'tcp://192.0.2.1', password_env: MQTT_PW}"
                        + "|mqtt.username: is required when a password is given",
                "unset env|site: s\\nmqtt: {url: 'tcp://192.0.2.1', username: u, password_env: NOPE}"
                        + "|mqtt.password_env = 'NOPE': environment variable is not set or empty",
                "missing secret file|site: s\\nmqtt: {url: 'tcp://192.0.2.1', username: u, password_file: /nonexistent}"
                        + "|mqtt.password_file = '/nonexistent': the file does not exist",
                "ca on tcp|site: s\\nmqtt: {url: 'tcp://192.0.2.1', ca_file: /etc/hostname}"
                        + "|mqtt.ca_file = '/etc/hostname': only applies to an ssl:// url",
                "missing ca|site: s\\nmqtt: {url: 'ssl://192.0.2.1', ca_file: /nonexistent.pem}"
                        + "|mqtt.ca_file = '/nonexistent.pem': the file does not exist or cannot be read",
                "cert without key|site: s\\nmqtt: {url: 'ssl://192.0.2.1', cert_file: /etc/hostname}"
                        + "|mqtt.key_file: cert_file and key_file go together",
                "wildcard prefix|site: s\\nmqtt: {url: 'tcp://192.0.2.1', topic_prefix: 'a/#'}"
                        + "|mqtt.topic_prefix = 'a/#': must be a topic without wildcards (+, #) or a trailing '/'",
                "tiny outbox|site: s\\nmqtt: {url: 'tcp://192.0.2.1'}\\noutbox: {max_bytes: 1KB}"
                        + "|outbox.max_bytes = '1KB': must be a size from 64KB to 16GB written like 64MB, 512KB, 1GB or"
                        + " a number of bytes",
                "batch keys with always|site: s\\nmqtt: {url: 'tcp://192.0.2.1'}\\noutbox: {fsync: always,"
                        + " fsync_batch: 10}|outbox.fsync_batch = '10': only applies to fsync: batch",
                "port out of range|site: s\\nmqtt: {url: 'tcp://192.0.2.1'}\\nhttp: {listen: '127.0.0.1:70000'}"
                        + "|http.listen = '127.0.0.1:70000': must be ADDRESS:PORT with a literal address, e.g."
                        + " 127.0.0.1:9108 or [::1]:9108",
                "outbox not a mapping|site: s\\nmqtt: {url: 'tcp://192.0.2.1'}\\noutbox: [1]"
                        + "|outbox = '[1]': must be a mapping of keys (dir, max_bytes, fsync, fsync_interval,"
                        + " fsync_batch)",
                "bad yaml|site: [unclosed|(syntax)",
            })
    void parse_badFile_namesKeyValueAndWhatIsAccepted(String name, String yaml, String expected) {
        assertThat(problems(yaml.replace("\\n", "\n")))
                .anySatisfy(p -> assertThat(p).startsWith(expected));
    }

    @Test
    void parse_everySection_composedIntoOneConfig() throws Exception {
        Path pw = Files.writeString(dir.resolve("ra.secret"), "pw");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        AgentConfig config = load("""
                site: s
                vrrp: {interfaces: [eth0]}
                wans:
                  - {name: wan1, router: router-a, targets: [198.51.100.65]}
                checks:
                  - {name: dns, kind: dns, server: 192.0.2.53, query: example.com}
                routers:
                  - {name: router-a, host: 192.0.2.2, username: vigil, password_file: %s}
                policy: {dry_run: true}
                mqtt: {url: 'tcp://192.0.2.1'}
                """.replace("%s", pw.toString()));

        assertThat(config.vrrp().interfaces()).containsExactly("eth0");
        assertThat(config.probes().wans()).hasSize(1);
        assertThat(config.probes().checks()).hasSize(1);
        assertThat(config.routers().routers()).hasSize(1);
        assertThat(config.wanRouters()).containsEntry("wan1", "router-a");
    }

    @Test
    void parse_wanNamesUnknownRouter_refusedWithTheConfiguredOnes() {
        assertThat(problems("site: s\nmqtt: {url: 'tcp://192.0.2.1'}\n"
                        + "wans: [{name: wan1, router: router-x, targets: [198.51.100.65]}]\n"))
                .contains("wans[0].router = 'router-x': names no router of the routers section (configured: [])");
    }

    @Test
    void load_wanBoundToInterfaceAndSourceNotOnThisHost_refusedNamingBoth() {
        assertThat(problems("site: s\nmqtt: {url: 'tcp://192.0.2.1'}\n"
                        + "wans: [{name: wan1, method: tcp, port: 443, interface: vigil-nope0,"
                        + " targets: [198.51.100.65]}]\n"
                        + "checks: [{name: web, kind: http, url: 'http://192.0.2.80/', source: 192.0.2.99}]\n"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("wans[0].interface = 'vigil-nope0': no such interface on this host (it has: "))
                .anySatisfy(p -> assertThat(p)
                        .startsWith(
                                "checks[0].source = '192.0.2.99': is not an address of this host (its addresses: "));
    }

    @Test
    void parse_problemsInEverySection_allReportedTogether() {
        List<String> problems = problems("""
                site: s
                vrrp: {interfaces: [eth0], flapping: {changes: 1}}
                wans: [{name: wan1, method: carrier-pigeon, targets: [198.51.100.65]}]
                routers: [{name: r1, host: 192.0.2.2, transport: telnet}]
                policy: {dry_run: maybe}
                mqtt: {url: 'tcp://192.0.2.1', inflight: 0}
                """);

        assertThat(problems)
                .anyMatch(p -> p.startsWith("vrrp.flapping.changes"))
                .anyMatch(p -> p.startsWith("wans[0].method"))
                .anyMatch(p -> p.startsWith("routers[0].transport"))
                .anyMatch(p -> p.startsWith("policy.dry_run"))
                .anyMatch(p -> p.startsWith("mqtt.inflight"));
    }

    @Test
    void load_missingFile_saysSo() {
        assertThatThrownBy(() -> AgentConfig.load(dir.resolve("nope.yaml"), new SecretReader(Map.of(), w -> {})))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("does not exist");
    }
}
