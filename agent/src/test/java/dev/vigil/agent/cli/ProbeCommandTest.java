package dev.vigil.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The probe command against loopback (raw ICMP as root, since the host's ping_group_range is left alone). */
class ProbeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String yaml, String... args) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml, UTF_8);
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("probe", "--config", file.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void probe_json_printsOneLinePerWanPerSecondAndEvents() throws Exception {
        int code = run("""
                site: lab
                wans:
                  - {name: lo4, targets: [127.0.0.1]}
                  - {name: lo6, targets: ["::1"]}
                """, "--json", "--duration", "2");
        assertThat(code).as(err.toString()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines)
                .filteredOn(l -> l.get("type").asText().equals("wan.up"))
                .hasSize(2);
        List<JsonNode> status =
                lines.stream().filter(l -> l.get("type").asText().equals("wan")).toList();
        assertThat(status).hasSizeGreaterThanOrEqualTo(2);
        assertThat(status).allSatisfy(l -> {
            assertThat(l.fieldNames()).toIterable().contains("wan", "state", "loss_pct", "rtt_ms", "jitter_ms", "time");
        });
        assertThat(status).extracting(l -> l.get("wan").asText()).contains("lo4", "lo6");
        assertThat(status).anySatisfy(l -> assertThat(l.get("state").asText()).isEqualTo("up"));
    }

    @Test
    void probe_humanOneWan_printsTableAndTargetErrorsOnce() throws Exception {
        int code = run("""
                wans:
                  - {name: lo4, targets: [127.0.0.1]}
                  - {name: other, method: tcp, port: 1, targets: [127.0.0.1]}
                """, "--wan", "lo4", "--duration", "1");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wan   lo4", "EVENT wan.up wan/lo4").doesNotContain("other");
    }

    @Test
    void probe_failingTarget_errorShownOnceNotEverySecond() throws Exception {
        int code = run(
                "checks:\n  - {name: closed, kind: tcp, target: 127.0.0.1, port: 1, interval: 200ms}\n",
                "--duration",
                "2");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.contains("! closed 127.0.0.1:1: connection refused")))
                .hasSize(1);
        assertThat(out.toString()).contains("EVENT check.failed check/closed: connection refused");
    }

    @Test
    void probe_unknownWan_exitCode2NamingTheKnownOnes() throws Exception {
        assertThat(run("wans: [{name: wan1, targets: [127.0.0.1]}]", "--wan", "wan9"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no WAN named 'wan9'", "(it has: wan1)");
    }

    @Test
    void probe_badConfig_exitCode2ListingEveryProblem() throws Exception {
        assertThat(run("wans: [{name: wan1, targets: [], interval: 1ms}]")).isEqualTo(2);
        assertThat(err.toString()).contains("wans[0].targets: needs 1 to 16 targets", "wans[0].interval = '1ms'");
    }
}
