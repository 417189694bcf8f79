package dev.vigil.agent.routeros;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A command waiting for its {@code !done}: collects items and traps, completes its future once. */
final class PendingCall {
    final String tag;
    final Command command;
    final CompletableFuture<Reply> future = new CompletableFuture<>();
    private final List<Map<String, String>> items = new ArrayList<>();
    private final List<RouterOsException.Trap> traps = new ArrayList<>();

    PendingCall(String tag, Command command) {
        this.tag = tag;
        this.command = command;
    }

    /** Handles one reply sentence; returns true when the call is finished. */
    synchronized boolean accept(String type, Map<String, String> attributes) {
        switch (type) {
            case "!re" -> items.add(attributes);
            case "!trap" ->
                traps.add(new RouterOsException.Trap(
                        attributes.getOrDefault("message", "(no message)"), category(attributes.get("category"))));
            case "!done" -> {
                finish(attributes);
                return true;
            }
            default -> {
                // !empty and anything new: not terminal, keep reading
            }
        }
        return false;
    }

    private void finish(Map<String, String> done) {
        if (traps.isEmpty()) {
            future.complete(new Reply(items, done));
            return;
        }
        StringBuilder message = new StringBuilder(command.path()).append(" failed: ");
        for (int i = 0; i < traps.size(); i++) {
            RouterOsException.Trap t = traps.get(i);
            message.append(i == 0 ? "" : "; ").append(t.message());
            if (t.category() >= 0) {
                message.append(" (category ").append(t.category()).append(')');
            }
        }
        future.completeExceptionally(
                new RouterOsException(RouterOsException.Kind.TRAP, message.toString(), traps, null));
    }

    void fail(RouterOsException e) {
        future.completeExceptionally(e);
    }

    static Map<String, String> attributes(List<String> words) {
        Map<String, String> out = new HashMap<>();
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("=")) {
                int eq = word.indexOf('=', 1);
                if (eq > 0) {
                    out.put(word.substring(1, eq), word.substring(eq + 1));
                } else {
                    out.put(word.substring(1), "");
                }
            } else if (word.startsWith(".tag=")) {
                out.put(".tag", word.substring(5));
            }
        }
        return out;
    }

    private static int category(String text) {
        try {
            return text == null ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
