package io.flotilla.cluster.command;

import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.worker.CommandFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one way a command entry leaves its stream. A <em>sent</em> entry is deleted ({@code XDEL}, retried a few
 * times: left behind, it would be sent again by the shard's next owner); deleting what went out is right whoever
 * owns the shard by then. A <em>rejected</em> entry is deleted and copied to {@code g:command:rejected} with its
 * reason in one script, and only while this node holds the shard's lease and the entry is still there: a node the
 * shard just left never rejects it ({@link Outcome#FENCED}), and of two readers that both saw it, only the first
 * records it ({@link Outcome#GONE}), so a command is rejected at most once and never also sent.
 *
 * <p>Owns one connection for these writes; thread-safe (Lettuce's asynchronous API).
 */
final class CommandSettlement implements AutoCloseable {
    private static final long REJECTED_KEPT = 10_000;
    private static final int DELETE_TRIES = 4;

    /** KEYS: command stream, fence key (the stream when unfenced), rejected stream. ARGV: token, id, cap, fields. */
    private static final String REJECT = """
            if ARGV[1] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[1] then
              return 'FENCED'
            end
            if redis.call('XDEL', KEYS[1], ARGV[2]) == 0 then
              return 'GONE'
            end
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 4))
            return 'DONE'
            """;

    /** What a rejection did. */
    enum Outcome {
        /** Deleted and recorded in {@code g:command:rejected}. */
        DONE,
        /** Left alone: this node does not hold the shard's lease. */
        FENCED,
        /** Left alone: already settled by someone else. */
        GONE
    }

    private final Keys keys;
    private final StatefulRedisConnection<String, String> writes;

    CommandSettlement(RedisClient client, Keys keys) {
        this.keys = keys;
        this.writes = client.connect();
    }

    /** Deletes an entry its shard wrote to Discord; the stage fails only when every try failed. */
    CompletionStage<Void> sent(String stream, String id) {
        return delete(stream, id, 1);
    }

    private CompletionStage<Void> delete(String stream, String id, int attempt) {
        return writes.async()
                .xdel(stream, id)
                .handle((deleted, failure) -> failure)
                .thenCompose(failure -> {
                    if (failure == null) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (attempt >= DELETE_TRIES) {
                        return CompletableFuture.<Void>failedFuture(failure);
                    }
                    // Lettuce holds a command while it reconnects, so the next try waits for Redis by itself.
                    return delete(stream, id, attempt + 1);
                });
    }

    /** Rejects an entry of {@code shard}'s stream under {@code fence}, once. */
    CompletionStage<Outcome> reject(int shard, ShardFence fence, StreamMessage<String, String> entry, String reason) {
        Map<String, String> fields = new LinkedHashMap<>(entry.getBody());
        fields.put(CommandFields.REASON, reason);
        fields.put(CommandFields.SHARD, Integer.toString(shard));
        fields.put(CommandFields.ENTRY_ID, entry.getId());
        List<String> args = new ArrayList<>(3 + 2 * fields.size());
        args.add(fence.token());
        args.add(entry.getId());
        args.add(Long.toString(REJECTED_KEPT));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        String[] scriptKeys = {
            entry.getStream(), fence.fenced() ? fence.key() : entry.getStream(), keys.rejectedCommands()
        };
        return writes.async()
                .<String>eval(REJECT, ScriptOutputType.VALUE, scriptKeys, args.toArray(String[]::new))
                .thenApply(Outcome::valueOf);
    }

    @Override
    public void close() {
        writes.close();
    }
}
