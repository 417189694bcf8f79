package dev.vigil.agent.config;

/**
 * One thing wrong with a config file.
 *
 * @param key dotted path of the key, e.g. {@code wans[1].targets[0]}
 * @param value the offending value as written, or null when the key is missing
 * @param problem what is wrong and what would be accepted
 */
public record ConfigProblem(String key, String value, String problem) {
    @Override
    public String toString() {
        return key + (value == null ? "" : " = '" + value + "'") + ": " + problem;
    }
}
