package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.ConfigProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigNode yaml(String text) throws Exception {
        return ConfigNode.root(new ObjectMapper(new YAMLFactory()).readTree(text), problems);
    }

    @Test
    void parse_layoutExample_readsEveryRecipe() throws Exception {
        ConfigNode root = yaml("""
                wans:
                  - {name: wan1, router: router-a, method: icmp}
                  - {name: wan2, router: router-b}
                policy:
                  dry_run: true
                  wan_aware_vrrp: {vrrp_interface: vrrp1, demote_to: 50, restore_hold: 30s}
                  services_follow_master: {nat_comment: "vigil:nat", dhcp_server: dhcp-lan}
                  scripts: [{on: wan.down, router: master, script: notify-isp}]
                """);
        PolicyConfig config = PolicyConfig.parse(root.child("policy"));
        assertThat(problems).isEmpty();
        assertThat(config.dryRun()).isTrue();
        assertThat(config.wanAwareVrrp()).contains(new PolicyConfig.WanAwareVrrp("vrrp1", 50, Duration.ofSeconds(30)));
        assertThat(config.servicesFollowMaster())
                .contains(new PolicyConfig.ServicesFollowMaster("vigil:nat", "dhcp-lan"));
        assertThat(config.scripts()).containsExactly(new PolicyConfig.ScriptRule("wan.down", "master", "notify-isp"));
        assertThat(config.cooldown()).isEqualTo(PolicyConfig.DEFAULT_COOLDOWN);
        assertThat(PolicyConfig.wanRouters(root))
                .containsEntry("wan1", "router-a")
                .containsEntry("wan2", "router-b");
    }

    @Test
    void parse_badValues_everyProblemReportedWithKey() throws Exception {
        PolicyConfig.parse(yaml("""
                dry_run: maybe
                cooldown: soon
                wan_aware_vrrp: {demote_to: 300, restore_hold: 30s}
                services_follow_master: {}
                scripts: [{on: "WAN DOWN", script: x}]
                demote: 1
                """));
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "dry_run",
                        "cooldown",
                        "wan_aware_vrrp.vrrp_interface",
                        "wan_aware_vrrp.demote_to",
                        "services_follow_master",
                        "scripts[0].on",
                        "demote");
    }

    @Test
    void parse_missingSection_nothingEnabled() throws Exception {
        PolicyConfig config = PolicyConfig.parse(yaml("site: x").child("policy"));
        assertThat(problems).isEmpty();
        assertThat(config.wanAwareVrrp()).isEmpty();
        assertThat(config.servicesFollowMaster()).isEmpty();
    }
}
