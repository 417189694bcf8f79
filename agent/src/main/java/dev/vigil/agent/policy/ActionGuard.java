package dev.vigil.agent.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The limits every write respects: a pause of repairs, split brain, a cooldown per router and action, a budget per
 * router.
 */
final class ActionGuard {
    private final PolicyConfig config;
    private final Clock clock;
    private final RepairPause pause;
    private final Map<String, Instant> lastAction = new HashMap<>();
    private final Map<String, Deque<Instant>> budget = new HashMap<>();
    private volatile boolean splitBrain;

    ActionGuard(PolicyConfig config, Clock clock, RepairPause pause) {
        this.config = config;
        this.clock = clock;
        this.pause = pause;
    }

    void splitBrain(boolean on) {
        splitBrain = on;
    }

    boolean splitBrain() {
        return splitBrain;
    }

    /** Why the action may not run now, or empty when it may. */
    Optional<String> refuse(String router, String action, String target) {
        Instant now = clock.instant();
        Optional<String> paused = pause.refusal();
        if (paused.isPresent()) {
            return paused;
        }
        if (splitBrain && !config.actDuringSplitBrain()) {
            return Optional.of("split brain: both routers claim master (policy.act_during_split_brain is false)");
        }
        Instant last = lastAction.get(key(router, action, target));
        if (last != null && Duration.between(last, now).compareTo(config.cooldown()) < 0) {
            return Optional.of("cooldown: the same action ran "
                    + Duration.between(last, now).toSeconds() + " s ago (policy.cooldown "
                    + config.cooldown().toSeconds() + " s)");
        }
        Deque<Instant> recent = budget.computeIfAbsent(router, r -> new ArrayDeque<>());
        while (!recent.isEmpty() && Duration.between(recent.peekFirst(), now).compareTo(config.budgetWindow()) >= 0) {
            recent.pollFirst();
        }
        if (recent.size() >= config.maxActionsPerRouter()) {
            return Optional.of("action budget exhausted: " + recent.size() + " actions on " + router + " within "
                    + config.budgetWindow().toMinutes() + " min (policy.max_actions_per_router)");
        }
        return Optional.empty();
    }

    void record(String router, String action, String target) {
        Instant now = clock.instant();
        lastAction.put(key(router, action, target), now);
        budget.computeIfAbsent(router, r -> new ArrayDeque<>()).addLast(now);
    }

    private static String key(String router, String action, String target) {
        return router + "|" + action + "|" + target;
    }
}
