package io.flotilla.cluster.identify;

import io.flotilla.worker.Keys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identify turns for every node of the bot, kept in Redis (GATEWAY.md 8 and 14.6). {@link #acquire} completes when
 * the shard may identify: its bucket ({@code shard % max_concurrency}) had no identify for a window (plus the guard),
 * no live waiter of an earlier round ({@code shard / max_concurrency}) is still waiting, and the day's budget has a
 * start left beyond the reserve (or the operator override is on); the same script decrements the budget and takes
 * the slot ({@link IdentifyScript}).
 *
 * <p>Order: a cold start's shards are registered as waiting by the leader before it places them ({@link #expect}),
 * and a shard never overtakes a live waiter of an earlier round, so a cold start runs round by round as
 * {@link IdentifyPlan} says, however late a node starts its shards. A shard nobody registered (a session lost outside a
 * cold start) first only registers, and tries to take a slot {@link #SETTLE} later (or a tenth of a window, if
 * longer), so shards asked for together on all nodes, which apply an assignment up to a coordinator round apart, are
 * all known before any goes. A waiter whose node stopped retrying blocks for at most
 * {@link IdentifySettings#waiterTimeout()}. A lone shard (a lost session) goes once its bucket is free.
 *
 * <p>Never fails a shard: when Redis is down or slow it keeps retrying (capped at one window) and logs once; when the
 * budget refuses it waits for a reset or an override, retrying once per window, and logs once. Cancelling the future
 * stops the retries and withdraws the waiter. Thread-safe; attempts run on the Lettuce threads and the given
 * scheduler, time comes from the injected clock.
 */
public final class IdentifyTurns {
    private static final Logger log = LoggerFactory.getLogger(IdentifyTurns.class);
    /** How long a shard's first call waits before it competes: longer than a coordinator round (1 s by default). */
    static final Duration SETTLE = Duration.ofMillis(1500);

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final IdentifySettings settings;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final String owner;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicBoolean redisTrouble = new AtomicBoolean();
    private final AtomicBoolean budgetRefused = new AtomicBoolean();

    /**
     * Turns on the given connection (shared with others is fine: one script call per attempt).
     *
     * @param owner this node's id, part of each slot's token (for reading Redis by hand)
     */
    public IdentifyTurns(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            IdentifySettings settings,
            InstantSource clock,
            ScheduledExecutorService scheduler,
            String owner) {
        this.redis = connection.async();
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.owner = owner;
    }

    private Duration settle() {
        Duration tenth = settings.window().dividedBy(10);
        return tenth.compareTo(SETTLE) > 0 ? tenth : SETTLE;
    }

    public IdentifySettings settings() {
        return settings;
    }

    /** Completes (on any thread) when shard {@code shardId} may send its identify; never fails; cancellable. */
    public CompletableFuture<Void> acquire(int shardId) {
        if (shardId < 0) {
            throw new IllegalArgumentException("shard ids start at 0, got " + shardId);
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        String token = owner + ":" + shardId + ":" + attempts.incrementAndGet();
        CompletableFuture<Void> unused = turn.whenComplete((done, failure) -> {
            if (turn.isCancelled()) {
                withdraw(shardId);
            }
        });
        attempt(shardId, token, turn, settle(), true);
        return turn;
    }

    /**
     * Registers a cold start's shards as waiting before any node runs them (the leader calls it before it writes the
     * first assignment), so that no shard of a later round identifies before every planned shard of an earlier round
     * did, however late its node starts it, and so their first attempts need not settle. Shards with a stored session
     * for this shard count are left out: they resume. A registered shard whose node never runs it blocks later rounds
     * for at most {@link IdentifySettings#waiterTimeout()}.
     *
     * @return how many shards were registered
     */
    public CompletionStage<Long> expect(int shardCount, Collection<Integer> shards) {
        List<String> keyNames = new ArrayList<>(shards.size() + 2);
        List<String> args = new ArrayList<>(shards.size() + 2);
        keyNames.add(keys.identifyWaiting());
        keyNames.add(keys.identifyWaitingDeadlines());
        args.add(Long.toString(clock.millis() + settings.waiterTimeout().toMillis()));
        args.add(Integer.toString(shardCount));
        for (int shard : shards) {
            keyNames.add(keys.session(shard));
            args.add(Integer.toString(shard));
        }
        return redis.<Long>eval(
                        IdentifyScript.EXPECT,
                        ScriptOutputType.INTEGER,
                        keyNames.toArray(String[]::new),
                        args.toArray(String[]::new))
                .toCompletableFuture()
                .orTimeout(settings.redisTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the attempt's outcome lands in the shard's future
    private void attempt(int shardId, String token, CompletableFuture<Void> turn, Duration backoff, boolean first) {
        if (turn.isDone()) {
            return;
        }
        int m = settings.maxConcurrency();
        long now = clock.millis();
        String[] keyNames = {
            keys.identify(shardId % m),
            keys.budget(),
            keys.identifyWaiting(),
            keys.identifyWaitingDeadlines(),
            keys.session(shardId),
            keys.gaps()
        };
        redis.<List<Long>>eval(
                        IdentifyScript.SOURCE,
                        ScriptOutputType.MULTI,
                        keyNames,
                        Integer.toString(shardId),
                        Integer.toString(shardId / m * m),
                        Long.toString(settings.slot().toMillis()),
                        Long.toString(now),
                        Long.toString(now + settings.waiterTimeout().toMillis()),
                        Integer.toString(settings.reserve()),
                        settings.spendReserve() ? "1" : "0",
                        token,
                        first ? "1" : "0")
                .toCompletableFuture()
                .orTimeout(settings.redisTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((reply, failure) -> {
                    if (failure != null || reply == null || reply.size() < 2) {
                        if (redisTrouble.compareAndSet(false, true)) {
                            log.warn(
                                    "identify gate cannot reach Redis ({}); shards keep waiting for their identify turn"
                                            + " and retry",
                                    failure == null ? "bad reply " + reply : failure.toString());
                        }
                        Duration next = backoff.multipliedBy(2);
                        later(
                                shardId,
                                token,
                                turn,
                                backoff,
                                next.compareTo(settings.window()) > 0 ? settings.window() : next);
                        return;
                    }
                    if (redisTrouble.compareAndSet(true, false)) {
                        log.info("identify gate reaches Redis again");
                    }
                    decide(shardId, token, turn, reply.get(0), reply.get(1));
                });
    }

    private void decide(int shardId, String token, CompletableFuture<Void> turn, long code, long value) {
        Duration poll = settings.window().dividedBy(10);
        if (code == IdentifyScript.GRANTED) {
            if (value >= 0 && budgetRefused.compareAndSet(true, false)) {
                log.info("session starts may be spent again ({} remain)", value);
            }
            turn.complete(null);
        } else if (code == IdentifyScript.BUSY) {
            // Wake when the slot frees; whoever comes first (and is earliest) takes it.
            later(shardId, token, turn, value > 0 ? Duration.ofMillis(value + 1) : poll, poll);
        } else if (code == IdentifyScript.EARLIER) {
            later(shardId, token, turn, poll, poll);
        } else {
            if (budgetRefused.compareAndSet(false, true)) {
                log.warn(
                        "not identifying shard {}: {} session starts remain and a reserve of {} is kept{}; shards"
                                + " wait for the daily reset",
                        shardId,
                        value,
                        settings.reserve(),
                        settings.spendReserve() ? "" : " (spent only with the explicit operator override)");
            }
            later(shardId, token, turn, settings.window(), poll);
        }
    }

    private void later(int shardId, String token, CompletableFuture<Void> turn, Duration delay, Duration backoff) {
        scheduleAttempt(shardId, token, turn, delay, backoff, false);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the retry's outcome lands in the shard's future
    private void scheduleAttempt(
            int shardId, String token, CompletableFuture<Void> turn, Duration delay, Duration backoff, boolean first) {
        if (turn.isDone()) {
            return;
        }
        scheduler.schedule(() -> attempt(shardId, token, turn, backoff, first), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // best effort: a waiter left behind expires at its deadline
    private void withdraw(int shardId) {
        String member = Integer.toString(shardId);
        redis.zrem(keys.identifyWaiting(), member);
        redis.hdel(keys.identifyWaitingDeadlines(), member);
    }
}
