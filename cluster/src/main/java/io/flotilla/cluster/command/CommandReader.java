package io.flotilla.cluster.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the command streams of every shard this node runs with one blocking {@code XREAD}, validates each entry
 * ({@link CommandValidator}) and hands the valid ones to the {@link CommandTarget}. Commands are delivered at least
 * once and settled once: an entry leaves its stream only after Discord provably read it (the shard's send completes
 * only then), or when it is rejected into {@code g:command:rejected} under the shard's lease ({@link
 * CommandSettlement}). A node the shard left (or is leaving) settles nothing of it: what its shard had not sent and
 * seen proven stays in the stream for the next owner, which reads from the stream's beginning. A send failed without
 * a refusal (its connection ended before the proof) leaves the entry and reads the stream again: the shard sends it
 * after its RESUME. Repeats come only from a node dying, or a connection ending, before the proof. A bad command
 * never reaches Discord and never stops the reader. Commands older than the age limit (judged by their entry id's
 * time) are rejected as stale: a presence or voice change minutes late is worse than none.
 *
 * <p>Owns one connection for its blocking reads and one thread; {@link #assign} and {@link #settled} may be called
 * from any thread. {@link #assign} takes effect at once for commands not yet handed to a shard.
 */
public final class CommandReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandReader.class);
    private static final int READ_COUNT = 100;
    /** The longest {@link #settled} waits for the deletions of what a shard wrote before it left. */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(5);

    /**
     * How old a command may be and still be sent ({@link #CommandReader}'s default): older ones were written
     * before a restart or a hand-off and are rejected as stale rather than sent late.
     */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

    private final Keys keys;
    private final CommandValidator validator;
    private final CommandTarget target;
    private final IntFunction<ShardFence> fences;
    private final Duration block;
    private final InstantSource clock;
    private final StatefulRedisConnection<String, String> connection;
    private final CommandSettlement settlement;
    private final Thread thread;

    private final CommandsInHand inHand = new CommandsInHand();
    private volatile boolean running = true;
    private final Map<Integer, String> positions = new HashMap<>(); // reader thread only

    /**
     * Starts reading at once (nothing until {@link #assign}); opens its two connections first and throws (leaving
     * nothing open) when Redis cannot be reached.
     *
     * @param fences the lease this node holds for a shard (a token no lease holds when it holds none), checked in
     *     Redis before a rejection is recorded; {@link ShardFence#NONE} for a single process without leases
     * @param clock judges a command's age from its stream entry id
     * @param maxAge commands written longer ago are rejected as stale ({@link #DEFAULT_MAX_AGE})
     */
    public CommandReader(
            RedisClient client,
            Keys keys,
            int shardTotal,
            CommandTarget target,
            IntFunction<ShardFence> fences,
            Duration block,
            InstantSource clock,
            Duration maxAge) {
        this.keys = keys;
        this.validator = new CommandValidator(new ObjectMapper(), shardTotal, clock, maxAge);
        this.target = target;
        this.fences = fences;
        this.block = block;
        this.clock = clock;
        this.connection = client.connect();
        try {
            this.settlement = new CommandSettlement(client, keys);
        } catch (RuntimeException e) {
            connection.close(); // a node that retries its start must not leak one connection per attempt
            throw e;
        }
        this.thread =
                Thread.ofPlatform().name("flotilla-command-reader").daemon(true).start(this::run);
    }

    /** The shards whose commands this node sends from now on; a shard left out gets no further command here. */
    public void assign(Set<Integer> running) {
        inHand.assign(running);
    }

    /**
     * Completes once every command of {@code shard} handed to it so far is settled (its entry deleted, rejected or
     * left), at the latest after a few seconds; a hand-off waits for it before its lease is released, so the next
     * owner never finds an entry the shard already wrote. Never fails.
     */
    public CompletionStage<Void> settled(int shard) {
        return inHand.settled(shard, SETTLE_WAIT);
    }

    /** How many commands of the shard are handed over and not yet settled (metrics, tests). */
    public int inFlight(int shard) {
        return inHand.count(shard);
    }

    private void run() {
        RedisCommands<String, String> redis = connection.sync();
        while (running) {
            Set<Integer> current = new TreeSet<>(inHand.shards());
            positions.keySet().retainAll(current);
            positions.keySet().removeAll(inHand.rewindsDue(clock.instant())); // what is in hand is skipped
            if (current.isEmpty()) {
                pause(block);
                continue;
            }
            try {
                readOnce(redis, current);
            } catch (RedisException e) {
                if (running) {
                    LOG.warn("reading worker commands failed; retrying in {}: {}", block, e.toString());
                    pause(block);
                }
            }
        }
    }

    @SuppressWarnings("unchecked") // Lettuce takes the stream offsets as generic varargs
    private void readOnce(RedisCommands<String, String> redis, Set<Integer> current) {
        XReadArgs.StreamOffset<String>[] offsets = current.stream()
                .map(shard -> XReadArgs.StreamOffset.from(keys.commands(shard), positions.getOrDefault(shard, "0-0")))
                .toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, String>> messages =
                redis.xread(XReadArgs.Builder.count(READ_COUNT).block(block), offsets);
        if (messages == null) {
            return;
        }
        Map<String, Integer> shardByStream = new HashMap<>();
        current.forEach(shard -> shardByStream.put(keys.commands(shard), shard));
        for (StreamMessage<String, String> message : messages) {
            Integer shard = shardByStream.get(message.getStream());
            if (shard == null) {
                continue;
            }
            handle(shard, message);
            positions.put(shard, message.getId());
        }
    }

    private void handle(int shard, StreamMessage<String, String> message) {
        CompletableFuture<Void> done = inHand.take(shard, message.getId());
        if (done == null) {
            return; // the shard left (or is leaving) this node, whose owner settles it; or it is in hand already
        }
        CompletionStage<Void> settled = switch (validator.validate(shard, message.getId(), message.getBody())) {
            case Verdict.Accepted accepted ->
                send(accepted.command())
                        .handle((sent, failure) -> failure)
                        .thenCompose(failure -> afterSend(shard, message, failure));
            case Verdict.Rejected rejected -> reject(shard, message, rejected.reason());
        };
        settled.whenComplete((ignored, failure) -> inHand.settle(shard, message.getId(), done));
    }

    private CompletionStage<Void> send(Command command) {
        try {
            return target.send(command);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Void> afterSend(
            int shard, StreamMessage<String, String> message, @Nullable Throwable failure) {
        if (failure == null) {
            return settlement.sent(message.getStream(), message.getId()).exceptionally(error -> {
                LOG.warn(
                        "could not delete sent command {} of shard {}; the shard's next owner may send it again: {}",
                        message.getId(),
                        shard,
                        error.toString());
                return null;
            });
        }
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CommandRefusedException refused) {
            return reject(shard, message, "not sent: " + refused.getMessage());
        }
        LOG.debug("command {} for shard {} not sent here ({}); left in its stream", message.getId(), shard, cause);
        rewindLater(shard);
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> reject(int shard, StreamMessage<String, String> message, String reason) {
        return settlement.reject(shard, fences.apply(shard), message, reason).handle((outcome, failure) -> {
            if (failure != null) {
                LOG.warn(
                        "could not record rejected command {} of shard {}; read again: {}",
                        message.getId(),
                        shard,
                        failure.toString());
                rewindLater(shard);
            } else if (outcome == CommandSettlement.Outcome.DONE) {
                LOG.info("rejected command {} for shard {}: {}", message.getId(), shard, reason);
            } else {
                LOG.info(
                        "command {} for shard {} left alone ({}): this node does not hold the shard's lease,"
                                + " or another node settled it",
                        message.getId(),
                        shard,
                        outcome);
            }
            return null;
        });
    }

    /** Reads the shard's stream again from its start after one block interval, if the shard still runs here. */
    private void rewindLater(int shard) {
        inHand.rewindLater(shard, clock.instant().plus(block));
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(block.plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
        settlement.close();
    }
}
