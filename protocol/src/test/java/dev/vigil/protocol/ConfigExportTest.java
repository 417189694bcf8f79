package dev.vigil.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigExportTest {
    @Test
    void parts_smallExport_oneEventThatValidates() throws Exception {
        String text = "/ip firewall nat\nadd action=masquerade chain=srcnat out-interface=ether1\n";

        List<ObjectNode> parts = ConfigExport.parts("router-a", "01M80K4FW0Z4V0K3J8Q2C9T7XB", text);

        assertThat(parts).hasSize(1);
        assertThat(ConfigExport.assemble(parts)).isEqualTo(text);
        var event = new Event(
                1,
                new EventIds().next(),
                "acme-hq",
                0,
                java.time.Instant.now(),
                EventTypes.CONFIG_EXPORTED,
                Severity.INFO,
                "router/router-a",
                parts.get(0));
        assertThat(PayloadValidator.standard().validate(PayloadKind.EVENT, new WireCodec().encode(event)))
                .isEmpty();
    }

    @Test
    void assemble_incompressibleExportInShuffledParts_givesTheText() {
        var random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) {
            text.append(Long.toString(random.nextLong(), 36)).append('\n');
        }
        List<ObjectNode> parts = new ArrayList<>(ConfigExport.parts("r", "x", text.toString()));
        assertThat(parts.size()).isGreaterThan(2);
        Collections.shuffle(parts, random);
        parts.add(parts.get(0));

        assertThat(ConfigExport.assemble(parts)).isEqualTo(text.toString());
    }

    @Test
    void assemble_missingOrTamperedPart_saysWhich() {
        var random = new Random(3);
        StringBuilder text = new StringBuilder();
        while (text.length() < 100_000) {
            text.append(Long.toString(random.nextLong(), 36));
        }
        List<ObjectNode> parts = ConfigExport.parts("r", "x", text.toString());

        assertThatThrownBy(() -> ConfigExport.assemble(parts.subList(0, 1)))
                .hasMessageContaining("part 2 of " + parts.size() + " is missing");
        List<ObjectNode> one = ConfigExport.parts("r", "x", "abc");
        one.get(0).put("sha256", "0".repeat(64));
        assertThatThrownBy(() -> ConfigExport.assemble(one)).hasMessageContaining("sha256");
    }
}
