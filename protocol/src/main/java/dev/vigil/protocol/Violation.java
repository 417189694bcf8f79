package dev.vigil.protocol;

/**
 * One reason a payload was rejected.
 *
 * @param path where in the payload, e.g. {@code $.routers[0].name}; {@code $} for the whole payload
 * @param problem what is wrong, in words an operator can act on
 */
public record Violation(String path, String problem) {
    @Override
    public String toString() {
        return path + ": " + problem;
    }
}
