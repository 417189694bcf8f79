package dev.vigil.agent.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.ConfigProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VrrpConfigTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private VrrpConfig parse(String yaml) throws Exception {
        ConfigNode root = ConfigNode.root(new ObjectMapper(new YAMLFactory()).readTree(yaml), problems);
        return VrrpConfig.parse(root.child("vrrp"));
    }

    @Test
    void parse_fullSection_readsEveryKey() throws Exception {
        VrrpConfig c = parse("vrrp:\n  interfaces: [eth0, eth1.100]\n  flapping: {changes: 6, window: 2m}\n"
                + "  invalid_every: 30s\n");

        assertThat(problems).isEmpty();
        assertThat(c.interfaces()).containsExactly("eth0", "eth1.100");
        assertThat(c.flappingChanges()).isEqualTo(6);
        assertThat(c.flappingWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.invalidEvery()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void parse_absentSection_defaultsAndNoInterfaces() throws Exception {
        VrrpConfig c = parse("site: x\n");

        assertThat(problems).isEmpty();
        assertThat(c.interfaces()).isEmpty();
        assertThat(c.flappingChanges()).isEqualTo(VrrpConfig.DEFAULT_FLAPPING_CHANGES);
    }

    @Test
    void parse_badValues_everyProblemReportedWithKey() throws Exception {
        parse("vrrp:\n  interfaces: [\"eth 0\"]\n  flapping: {changes: 1, window: soon}\n  invalid_evry: 1s\n");

        assertThat(problems)
                .extracting(ConfigProblem::toString)
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("vrrp.interfaces").contains("eth 0"))
                .anySatisfy(p -> assertThat(p).contains("vrrp.flapping.changes"))
                .anySatisfy(p -> assertThat(p).contains("vrrp.flapping.window").contains("soon"))
                .anySatisfy(p -> assertThat(p).contains("invalid_evry").contains("invalid_every"));
    }
}
