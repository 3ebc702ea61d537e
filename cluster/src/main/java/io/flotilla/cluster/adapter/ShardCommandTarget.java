package io.flotilla.cluster.adapter;

import io.flotilla.cluster.command.Command;
import io.flotilla.cluster.command.CommandRefusedException;
import io.flotilla.cluster.command.CommandTarget;
import io.flotilla.gateway.CommandQueueFullException;
import io.flotilla.gateway.Shard;
import io.flotilla.protocol.Opcode;
import io.flotilla.protocol.json.GatewayCommand;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Sends validated commands through the send queue of the shard running on this node ({@link Shard#send}), which
 * keeps them within Discord's rate limit and completes once Discord provably read them. Fails the stage when the shard does not run here (the reader leaves the
 * entry for its owner) and with {@link CommandRefusedException} when the shard's queue is full (recorded as
 * rejected).
 *
 * <p>Thread-safe; never blocks.
 */
public final class ShardCommandTarget implements CommandTarget {
    private final IntFunction<@Nullable Shard> shards;

    /** @param shards the shard running here by id, or null */
    public ShardCommandTarget(IntFunction<@Nullable Shard> shards) {
        this.shards = shards;
    }

    @Override
    public CompletionStage<Void> send(Command command) {
        Shard shard = shards.apply(command.shard());
        Opcode op = Opcode.fromCode(command.op());
        if (shard == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("shard " + command.shard() + " does not run on this node"));
        }
        if (op == null) {
            return CompletableFuture.failedFuture(new CommandRefusedException("unknown op " + command.op()));
        }
        GatewayCommand payload;
        try {
            payload = new GatewayCommand(op, command.payload());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new CommandRefusedException(String.valueOf(e.getMessage()), e));
        }
        CompletableFuture<Void> sent;
        try {
            sent = shard.send(payload);
        } catch (RuntimeException e) { // its event loop shut down: not sent here, left for the owner
            return CompletableFuture.failedFuture(e);
        }
        return sent.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                failure instanceof CommandQueueFullException full
                        ? new CommandRefusedException(String.valueOf(full.getMessage()), full)
                        : failure));
    }
}
