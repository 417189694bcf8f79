package dev.vigil.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Parses the config's YAML with the YAML parser, Jackson's ObjectMapper and SnakeYAML loaded into a class loader of
 * their own, on a thread of its own, and drops both: the running agent never needs those classes again, and once
 * nothing refers to their loader the next full collection unloads them and returns their metaspace (several MB on
 * a Pi). The tree comes back as JDK types ({@link YamlTreeReader}) and is rebuilt here as a {@link JsonNode} tree.
 */
final class IsolatedYamlParser {
    private static final String READER = YamlTreeReader.class.getName();
    private static final List<String> CLASSES_NEEDED = List.of(
            READER,
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonFactory",
            "com.fasterxml.jackson.annotation.JsonInclude",
            "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
            "org.yaml.snakeyaml.LoaderOptions");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IsolatedYamlParser() {}

    /**
     * The YAML document as a tree, null when the document is empty.
     *
     * @throws IllegalArgumentException on a syntax error, the message naming line and column
     */
    static JsonNode parse(byte[] yaml) {
        return parse(yaml, loader -> {});
    }

    /** As {@link #parse(byte[])}, showing the throwaway loader to {@code watcher} (tests check it is collected). */
    static JsonNode parse(byte[] yaml, Consumer<ClassLoader> watcher) {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread parser = new Thread(
                () -> {
                    try (URLClassLoader loader =
                            new URLClassLoader(codeSources(), ClassLoader.getPlatformClassLoader())) {
                        watcher.accept(loader);
                        result.set(reader(loader).apply(yaml));
                    } catch (IOException e) {
                        failure.set(new UncheckedIOException(e));
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                "vigil-config-parser");
        parser.start();
        try {
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing the config", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Object tree = result.get();
        return tree == null ? null : node(tree);
    }

    @SuppressWarnings("unchecked")
    private static Function<byte[], Object> reader(ClassLoader loader) {
        try {
            return (Function<byte[], Object>)
                    loader.loadClass(READER).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the YAML parser: " + e, e);
        }
    }

    /** The jar files or class directories holding the parser's classes (one jar for the shaded agent). */
    private static URL[] codeSources() throws MalformedURLException {
        Set<URL> sources = new LinkedHashSet<>();
        ClassLoader own = IsolatedYamlParser.class.getClassLoader();
        for (String name : CLASSES_NEEDED) {
            String resource = name.replace('.', '/') + ".class";
            URL url = own.getResource(resource);
            if (url == null) {
                throw new IllegalStateException("the YAML parser is missing from the class path: " + name);
            }
            String text = url.toString();
            sources.add(new URL(
                    text.startsWith("jar:")
                            ? text.substring("jar:".length(), text.indexOf("!/"))
                            : text.substring(0, text.length() - resource.length())));
        }
        return sources.toArray(URL[]::new);
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, child) -> object.set((String) key, node(child)));
            return object;
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(child -> array.add(node(child)));
            return array;
        } else if (value instanceof String text) {
            return NODES.textNode(text);
        } else if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        } else if (value instanceof Integer number) {
            return NODES.numberNode(number.intValue());
        } else if (value instanceof Long number) {
            return NODES.numberNode(number.longValue());
        } else if (value instanceof Double number) {
            return NODES.numberNode(number.doubleValue());
        } else if (value instanceof Float number) {
            return NODES.numberNode(number.floatValue());
        } else if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        } else if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        } else if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        return NODES.textNode(String.valueOf(value));
    }
}
