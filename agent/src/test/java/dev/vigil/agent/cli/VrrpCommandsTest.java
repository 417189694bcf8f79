package dev.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.vrrp.testing.Fixtures;
import dev.vigil.testkit.Prerequisites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VrrpCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void replay_jsonAdverts_oneObjectPerLineWithIssueFieldNames() throws Exception {
        String file = Fixtures.capture("generated_keepalived-2.2.7_multicast_v2-v3_ipv4-ipv6.pcap")
                .toString();

        assertThat(run("replay", file, "--json", "--adverts")).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        List<JsonNode> adverts = lines.stream()
                .filter(l -> l.get("type").asText().equals("vrrp.advert"))
                .toList();
        assertThat(adverts).hasSize(81);
        assertThat(adverts.get(0).fieldNames())
                .toIterable()
                .contains(
                        "time",
                        "source",
                        "vrid",
                        "family",
                        "version",
                        "priority",
                        "interval_ms",
                        "addresses",
                        "auth",
                        "checksum",
                        "ttl",
                        "vlan");
        assertThat(out.toString()).doesNotContain("secret");
        JsonNode changed = lines.stream()
                .filter(l -> l.get("type").asText().equals("vrrp.master_changed"))
                .findFirst()
                .orElseThrow();
        assertThat(changed.fieldNames()).toIterable().contains("vrid", "family", "interface", "master", "previous");
        assertThat(err.toString()).contains("81 VRRP adverts");
    }

    @Test
    void replay_human_readsLikeJudgedTcpdump() {
        String file = Fixtures.capture("tcpdump_vrrp_routeros-6.10.pcap").toString();

        List<String> routers = Fixtures.ipv4Sources("tcpdump_vrrp_routeros-6.10.pcap");
        String first = routers.get(0);
        String second = routers.get(1);

        assertThat(run("replay", file, "--adverts")).isZero();

        assertThat(out.toString())
                .contains("IPv4 " + first + " > 224.0.0.18: VRRPv2 vrid 42 prio 191 int 10000ms auth simple")
                .contains(">> vrrp.master_changed vrrp/pcap/IPv4/42 master=" + second + " previous=" + first)
                .doesNotContain("abcdefgh");
    }

    @Test
    void replay_missingFile_oneLineErrorExit1() {
        assertThat(run("replay", "/nonexistent/x.pcap")).isEqualTo(1);

        assertThat(err.toString()).startsWith("vigil-agent: /nonexistent/x.pcap: no such file");
    }

    @Test
    void replay_notAPcap_oneLineError() throws Exception {
        assertThat(run("replay", Fixtures.capture("README.md").toString())).isEqualTo(1);

        assertThat(err.toString()).contains("not a pcap or pcapng file");
    }

    @Test
    void replay_truncatedFile_oneLineErrorExit1AfterWhatCameBefore(@TempDir Path dir) throws Exception {
        byte[] whole =
                Files.readAllBytes(Fixtures.capture("generated_keepalived-2.2.7_multicast_v2-v3_ipv4-ipv6.pcap"));
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, 10_000));

        assertThat(run("replay", cut.toString())).isEqualTo(1);

        assertThat(err.toString().lines().toList())
                .hasSize(2)
                .first()
                .asString()
                .startsWith("vigil-agent: " + cut + ": file ends inside a record at byte ");
        assertThat(err.toString()).contains(cut + ": 37 VRRP adverts").doesNotContain("Exception");
        assertThat(out.toString()).contains("vrrp.master_elected");
    }

    @Test
    void sniff_missingInterface_oneLineErrorWithFix() {
        Prerequisites.requirePackage("libpcap0.8");

        assertThat(run("sniff", "--interface", "nosuch0")).isEqualTo(1);

        assertThat(err.toString().trim())
                .startsWith("vigil-agent: interface nosuch0 does not exist: pick one listed by `ip -br link`")
                .doesNotContain("\n");
    }
}
