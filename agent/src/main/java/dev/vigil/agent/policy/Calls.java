package dev.vigil.agent.policy;

import dev.vigil.agent.routeros.RouterOsException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The policy runs on its own thread and waits for router calls (each already has its own deadline). */
final class Calls {
    private static final long BACKSTOP_SECONDS = 75;

    private Calls() {}

    static <T> T get(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(BACKSTOP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RouterOsException r
                    ? r
                    : new RouterOsException(RouterOsException.Kind.CONNECTION, String.valueOf(cause), cause);
        } catch (TimeoutException e) {
            throw new RouterOsException(RouterOsException.Kind.TIMEOUT, "router call did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterOsException(RouterOsException.Kind.CLOSED, "interrupted");
        }
    }
}
