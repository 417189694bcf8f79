package dev.vigil.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a YAML config file and runs a section parser over it, collecting every problem; {@link #parse} returns the
 * parsed config only when there was none. Parsers are plain functions of a {@link ConfigNode}.
 */
public final class ConfigFile {
    private ConfigFile() {}

    public static <T> T parse(Path file, Function<ConfigNode, T> parser) throws ConfigInvalidException {
        return parse(file, NamedInputs.read(), parser);
    }

    /** As {@link #parse(Path, Function)}, with the named secrets and files read or only listed. */
    public static <T> T parse(Path file, NamedInputs inputs, Function<ConfigNode, T> parser)
            throws ConfigInvalidException {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode tree = read(file, problems);
        T result = null;
        if (problems.isEmpty()) {
            ConfigNode root = ConfigNode.root(tree, problems, inputs);
            if (!root.isPresent()) {
                root.problem("the file is empty");
            } else {
                result = parser.apply(root);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigInvalidException(file, problems);
        }
        return result;
    }

    private static JsonNode read(Path file, List<ConfigProblem> problems) {
        try {
            return IsolatedYamlParser.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem("(file)", file.toString(), "does not exist"));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("(syntax)", null, e.getMessage()));
        } catch (IOException e) {
            problems.add(new ConfigProblem("(file)", file.toString(), "cannot be read: " + e.getMessage()));
        }
        return null;
    }
}
