package dev.vigil.collector.tenancy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Tells the session holders that a user's sign-ins must end (password reset, user deleted). */
public final class Revocations {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public void onRevoke(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void revoke(String username) {
        listeners.forEach(l -> l.accept(username));
    }
}
