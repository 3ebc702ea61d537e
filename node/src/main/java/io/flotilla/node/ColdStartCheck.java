package io.flotilla.node;

import io.flotilla.cluster.identify.IdentifyPlan;
import io.flotilla.cluster.identify.SessionBudget;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.cluster.session.SessionFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Before a node joins: the shards that have no stored session will need an IDENTIFY each; when the day's
 * session-start budget (from {@code /gateway/bot}) cannot pay for them beyond the reserve, the node refuses to
 * start with a message saying how many starts are needed and how many remain (issue 13; GATEWAY.md 5.3: running the
 * budget out gets the bot's token reset). Stateless; runs once on the starting thread.
 */
final class ColdStartCheck {
    private ColdStartCheck() {}

    /** @throws FatalNodeException when the identifies needed do not fit the budget */
    static void require(
            StatefulRedisConnection<String, String> redis,
            Keys keys,
            int shardCount,
            GatewayBot bot,
            NodeConfig config,
            Duration window,
            InstantSource clock) {
        List<RedisFuture<String>> sessions = new ArrayList<>(shardCount);
        for (int shard = 0; shard < shardCount; shard++) {
            sessions.add(redis.async().hget(keys.session(shard), SessionFields.SESSION_ID));
        }
        List<Integer> identifying = new ArrayList<>();
        for (int shard = 0; shard < shardCount; shard++) {
            String session = RedisAwait.await(sessions.get(shard), Duration.ofSeconds(10), "reading shard sessions");
            if (session == null || session.isEmpty()) {
                identifying.add(shard);
            }
        }
        IdentifyPlan plan = IdentifyPlan.of(identifying, bot.maxConcurrency(), window);
        SessionBudget budget = bot.budget(clock.instant());
        IdentifyPlan.Check check = plan.check(budget, config.identifyReserve(), config.spendReserve(), clock.instant());
        if (!check.fits()) {
            throw new FatalNodeException(check.message() + " (IDENTIFY_RESERVE=" + config.identifyReserve()
                    + "; IDENTIFY_SPEND_RESERVE=true spends it)");
        }
    }
}
