package dev.vigil.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a secret named in a config section as {@code password_file: PATH} or {@code password_env: NAME}, never inline.
 * A file readable by others is accepted with a warning, since the agent can still run safely once it is fixed.
 */
public final class SecretReader {
    /** Stands for a secret that was named but not read ({@link NamedInputs#listOnly()}); never sent anywhere. */
    private static final Secret NOT_READ = Secret.of("(not read)");

    private final Map<String, String> environment;
    private final Consumer<String> warnings;

    public SecretReader(Map<String, String> environment, Consumer<String> warnings) {
        this.environment = environment;
        this.warnings = warnings;
    }

    /**
     * @param section the mapping holding the keys
     * @param stem {@code password} reads {@code password_file} or {@code password_env}
     * @param required whether a missing secret is a problem
     * @return the secret, or null when absent or unreadable (a problem is recorded)
     */
    public Secret read(ConfigNode section, String stem, boolean required) {
        String fileKey = stem + "_file";
        String envKey = stem + "_env";
        if (section.has(stem)) {
            section.problem(stem, "******", "secrets are never written inline: use " + fileKey + " or " + envKey);
            return null;
        }
        String file = section.string(fileKey, null);
        String env = section.string(envKey, null);
        if (file != null && env != null) {
            section.problem(envKey, env, "give either " + fileKey + " or " + envKey + ", not both");
            return null;
        }
        if (file != null && !section.inputs().reads()) {
            section.inputs().notRead(file);
            return NOT_READ;
        }
        if (env != null && !section.inputs().reads()) {
            section.inputs().notRead("$" + env);
            return NOT_READ;
        }
        if (file != null) {
            return fromFile(section, fileKey, Path.of(file));
        }
        if (env != null) {
            String value = environment.get(env);
            if (value == null || value.isEmpty()) {
                section.inputs().missing("$" + env);
                section.problem(envKey, env, "environment variable is not set or empty");
                return null;
            }
            return Secret.of(value);
        }
        if (required) {
            section.problem(fileKey, null, "is required (or " + envKey + ")");
        }
        return null;
    }

    private Secret fromFile(ConfigNode section, String key, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                section.problem(key, file.toString(), "the file is empty");
                return null;
            }
            warnIfOthersCanRead(file);
            return Secret.of(text);
        } catch (NoSuchFileException e) {
            section.inputs().missing(file.toString());
            section.problem(key, file.toString(), "the file does not exist");
        } catch (IOException e) {
            section.inputs().missing(file.toString());
            section.problem(
                    key,
                    file.toString(),
                    "the file cannot be read: " + e.getClass().getSimpleName());
        }
        return null;
    }

    private void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.accept(file + " holds a secret and is readable by every user: chmod 0640 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // permissions unknown on this file system: nothing to warn about
        }
    }
}
