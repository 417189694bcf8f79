package dev.vigil.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A config file with one or more problems; the message lists every one with the file name. */
public final class ConfigInvalidException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<ConfigProblem> problems;

    public ConfigInvalidException(Path file, List<ConfigProblem> problems) {
        super(format(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(Path file, List<ConfigProblem> problems) {
        String header = file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
        return problems.stream()
                .map(p -> "  " + file.getFileName() + ": " + p)
                .collect(Collectors.joining("\n", header + "\n", ""));
    }
}
