package dev.vigil.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventTypesTest {
    /** The agent's own types are listed in a sentence, not a table. */
    private static final Pattern AGENT_TYPE = Pattern.compile("`(agent\\.[a-z_]+)`");
    /** A table row's first cell: one type, or two separated by " / ". */
    private static final Pattern ROW_TYPES =
            Pattern.compile("^\\| `([a-z]+\\.[a-z_]+)`(?: / `([a-z]+\\.[a-z_]+)`)? \\|");

    @Test
    void all_sameTypesAsTheTablesOfEventsMd() throws Exception {
        Set<String> documented = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Path.of("../docs/events.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW_TYPES.matcher(line);
            if (m.find()) {
                documented.add(m.group(1));
                if (m.group(2) != null) {
                    documented.add(m.group(2));
                }
            }
            for (Matcher a = AGENT_TYPE.matcher(line); a.find(); ) {
                documented.add(a.group(1));
            }
        }

        assertThat(EventTypes.ALL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(documented);
    }
}
