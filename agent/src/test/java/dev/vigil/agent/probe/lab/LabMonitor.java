package dev.vigil.agent.probe.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.ConfigProblem;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.probe.ProbeConfig;
import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.probe.live.LiveWanMonitor;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import dev.vigil.testkit.lab.WanInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Starts a WanMonitor inside the lab's agent namespace from YAML; the lab's WANs fill in {@code ${wanN}}. */
public final class LabMonitor {
    private LabMonitor() {}

    public static ProbeConfig config(SiteLab lab, String yaml) throws IOException {
        String filled = yaml;
        for (WanInfo wan : lab.wans()) {
            String targets =
                    wan.targets().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ", "[", "]"));
            filled = filled.replace("${" + wan.name() + "}", targets);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        ProbeConfig config =
                ProbeConfig.parse(ConfigNode.root(new ObjectMapper(new YAMLFactory()).readTree(filled), problems));
        assertThat(problems).isEmpty();
        return config;
    }

    public static WanMonitor start(SiteLab lab, String yaml, ObservationSink sink) throws IOException {
        return LiveWanMonitor.start(config(lab, yaml), sink, Clock.systemUTC(), null, lab.newThreadFactory(Host.AGENT));
    }
}
