package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.EventTypes;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard takes its event type names from one module, {@code js/event-types.js}, generated from
 * {@link EventTypes}: this test fails when that module differs from what {@link #module()} generates (its message
 * holds the text to paste), or when another dashboard script spells an event type itself.
 */
class EventTypesModuleTest {
    private static final Path JS = Path.of("../dashboard/src/main/resources/vigil-dashboard/js");
    private static final Path MODULE = JS.resolve("event-types.js");
    /** A quoted {@code family.name}, for every family of {@link EventTypes#ALL}. */
    private static final Pattern TYPE_LITERAL = Pattern.compile("['\"`]((?:"
            + EventTypes.ALL.stream()
                    .map(t -> t.substring(0, t.indexOf('.')))
                    .distinct()
                    .collect(Collectors.joining("|"))
            + ")\\.[a-z_]+)['\"`]");

    @Test
    void eventTypesModule_isGeneratedFromTheProtocolsEventTypes() throws Exception {
        String expected = module();
        assertThat(Files.readString(MODULE))
                .as("%s is generated from dev.vigil.protocol.EventTypes; replace it with:%n%s", MODULE, expected)
                .isEqualTo(expected);
    }

    @Test
    void noOtherDashboardScript_spellsAnEventType() throws IOException {
        List<String> spelled = new ArrayList<>();
        try (Stream<Path> files = Files.walk(JS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js") && !p.equals(MODULE))
                    .toList()) {
                Matcher m = TYPE_LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    spelled.add(JS.relativize(f) + ": " + m.group(1));
                }
            }
        }
        assertThat(spelled)
                .as("event types are imported from event-types.js (EventTypes.X), not spelled")
                .isEmpty();
    }

    @Test
    void theCheckFindsASpelledType() {
        assertThat(TYPE_LITERAL.matcher("const x = { 'wan.down': 1 };").find()).isTrue();
        assertThat(TYPE_LITERAL.matcher("import { html } from './html.js';").find())
                .isFalse();
    }

    /** The module's text: every constant of {@link EventTypes}, in the order of {@link EventTypes#ALL}. */
    static String module() throws IllegalAccessException {
        Set<String> all = Set.copyOf(EventTypes.ALL);
        List<String> names = new ArrayList<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && all.contains(f.get(null))) {
                names.add(f.getName());
            }
        }
        names.sort((a, b) -> Integer.compare(index(a), index(b)));
        StringBuilder js = new StringBuilder()
                .append(
                        "// Generated from dev.vigil.protocol.EventTypes (docs/events.md); checked by the collector's\n")
                .append("// EventTypesModuleTest. Import event type names from here instead of spelling them.\n")
                .append("export const EventTypes = Object.freeze({\n");
        for (String name : names) {
            js.append("  ").append(name).append(": '").append(value(name)).append("',\n");
        }
        return js.append("});\n").toString();
    }

    private static int index(String name) {
        return EventTypes.ALL.indexOf(value(name));
    }

    private static String value(String name) {
        try {
            return (String) EventTypes.class.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
