package dev.vigil.agent.routeros;

import dev.vigil.agent.config.Secret;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the client tests: a simulator and a client config pointing at it. */
final class SimFixture {
    private SimFixture() {}

    static RouterOsSim sim(RouterOsSim.Options options) {
        return RouterOsSim.start(options, SimRouter.seeded(options.personality(), null, 100, true));
    }

    static RouterConfig config(RouterOsSim sim, String password) {
        return RouterConfig.api("router-a", "127.0.0.1", sim.apiPort(), "vigil", Secret.of(password))
                .withTimeout(Duration.ofSeconds(2));
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
