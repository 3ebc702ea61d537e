package io.flotilla.cluster.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.worker.CommandFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the command streams of every shard this node runs with one blocking {@code XREAD}, validates each entry
 * ({@link CommandValidator}) and hands the valid ones to the {@link CommandTarget}. A handled entry is deleted
 * from its stream, so a node that takes a shard over starts from the stream's beginning and finds exactly the
 * commands nobody handled. Rejects (and commands the target refused) go to {@code g:command:rejected} with the
 * reason and the original fields; a bad command never reaches Discord and never stops the reader. Commands older
 * than the age limit (judged by their entry id's time) are rejected as stale: after a restart or a take-over the
 * stream may still hold commands nobody sent, and a presence or voice change minutes late is worse than none.
 *
 * <p>Owns one connection (blocking reads need their own) and one thread; {@link #assign} may be called from
 * any thread and takes effect within one block interval.
 */
public final class CommandReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandReader.class);
    private static final int READ_COUNT = 100;
    private static final long REJECTED_KEPT = 10_000;

    private final Keys keys;
    private final CommandValidator validator;
    private final CommandTarget target;
    private final Duration block;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<String, String> writes;
    private final Thread thread;

    private volatile Set<Integer> shards = Set.of();
    private volatile boolean running = true;
    private final Map<Integer, String> positions = new HashMap<>(); // reader thread only

    /**
     * How old a command may be and still be sent ({@link #CommandReader}'s default): older ones were written
     * before a restart or a hand-off and are rejected as stale rather than sent late.
     */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

    /**
     * Starts reading at once (nothing until {@link #assign}).
     *
     * @param clock judges a command's age from its stream entry id
     * @param maxAge commands written longer ago are rejected as stale ({@link #DEFAULT_MAX_AGE})
     */
    public CommandReader(
            RedisClient client,
            Keys keys,
            int shardTotal,
            CommandTarget target,
            Duration block,
            InstantSource clock,
            Duration maxAge) {
        this.keys = keys;
        this.validator = new CommandValidator(new ObjectMapper(), shardTotal, clock, maxAge);
        this.target = target;
        this.block = block;
        this.connection = client.connect();
        this.writes = client.connect();
        this.thread =
                Thread.ofPlatform().name("flotilla-command-reader").daemon(true).start(this::run);
    }

    /** The shards whose commands this node sends from now on. */
    public void assign(Set<Integer> running) {
        this.shards = Set.copyOf(running);
    }

    private void run() {
        RedisCommands<String, String> redis = connection.sync();
        while (running) {
            Set<Integer> current = new TreeSet<>(shards);
            positions.keySet().retainAll(current);
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
        Verdict verdict = validator.validate(shard, message.getId(), message.getBody());
        switch (verdict) {
            case Verdict.Accepted accepted ->
                target.send(accepted.command()).whenComplete((sent, failure) -> {
                    if (failure != null) {
                        reject(shard, message, "not sent: " + failure.getMessage());
                    }
                });
            case Verdict.Rejected rejected -> reject(shard, message, rejected.reason());
        }
        writes.async().xdel(message.getStream(), message.getId()).whenComplete((deleted, failure) -> {
            if (failure != null) {
                LOG.warn(
                        "could not delete handled command {}; it may be handled again: {}",
                        message.getId(),
                        failure.toString());
            }
        });
    }

    private void reject(int shard, StreamMessage<String, String> message, String reason) {
        LOG.info("rejected command {} for shard {}: {}", message.getId(), shard, reason);
        Map<String, String> fields = new HashMap<>(message.getBody());
        fields.put(CommandFields.REASON, reason);
        fields.put(CommandFields.SHARD, Integer.toString(shard));
        fields.put(CommandFields.ENTRY_ID, message.getId());
        writes.async()
                .xadd(
                        keys.rejectedCommands(),
                        XAddArgs.Builder.maxlen(REJECTED_KEPT).approximateTrimming(),
                        fields)
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not record rejected command {}: {}", message.getId(), failure.toString());
                    }
                });
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
        writes.close();
    }
}
