package dev.vigil.collector.state;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Fan-out of live changes to browsers: {@code site}, {@code event} and {@code alert} messages as JSON text. Listeners
 * must not block; they are called on the thread that made the change.
 */
public final class LiveUpdates {
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();

    public Runnable subscribe(BiConsumer<String, String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(String name, String json) {
        for (BiConsumer<String, String> l : listeners) {
            l.accept(name, json);
        }
    }

    public int subscribers() {
        return listeners.size();
    }
}
