package dev.vigil.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses YAML with Jackson and hands back only JDK types (maps in file order, lists, strings, boxed numbers as Jackson
 * typed them, booleans, null), so that it can run in a class loader of its own: see {@link IsolatedYamlParser}. A
 * syntax error comes back as an {@link IllegalArgumentException} whose message names the line and column.
 */
public final class YamlTreeReader implements Function<byte[], Object> {

    @Override
    public Object apply(byte[] yaml) {
        try {
            return plain(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String at = where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
            throw new IllegalArgumentException(at + "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse YAML: " + e.getMessage());
        }
    }

    private static Object plain(JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    map.put(field.getKey(), plain(field.getValue()));
                }
                return map;
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(plain(element));
                }
                return list;
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.numberValue();
            case BOOLEAN:
                return node.booleanValue();
            case BINARY:
                return node.binaryValue();
            case NULL:
            case MISSING:
                return null;
            default:
                return node.asText();
        }
    }
}
