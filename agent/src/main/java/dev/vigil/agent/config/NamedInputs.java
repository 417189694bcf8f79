package dev.vigil.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The secrets and files a config names (password files and variables, CA certificates, client keys). A config is
 * normally parsed on the machine that runs it, so they are read and a missing one is a problem. {@code check-config
 * --syntax-only} checks a config away from that machine: they are then only listed, never opened.
 */
public final class NamedInputs {
    private final boolean read;
    private final List<String> unread = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    private NamedInputs(boolean read) {
        this.read = read;
    }

    /** Secrets and files are read: what {@code run} and a full {@code check-config} do. */
    public static NamedInputs read() {
        return new NamedInputs(true);
    }

    /** Secrets and files are listed, not opened. */
    public static NamedInputs listOnly() {
        return new NamedInputs(false);
    }

    public boolean reads() {
        return read;
    }

    /** A file path or {@code $VARIABLE} that was named but, by choice, not read. */
    void notRead(String what) {
        if (!unread.contains(what)) {
            unread.add(what);
        }
    }

    /** A file path or {@code $VARIABLE} that was read and was not there (its problem is recorded separately). */
    void missing(String what) {
        missing.add(what);
    }

    public List<String> unread() {
        return List.copyOf(unread);
    }

    public List<String> missing() {
        return List.copyOf(missing);
    }
}
