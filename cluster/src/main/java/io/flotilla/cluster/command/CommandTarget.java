package io.flotilla.cluster.command;

import java.util.concurrent.CompletionStage;

/**
 * Where valid commands go: the shard's send queue, which sends them within Discord's 120 per 60 s (GATEWAY.md
 * section 6). The stage fails when the command cannot be sent (the shard is not running here, its queue is
 * full); the caller then records it as rejected.
 *
 * <p>Implementations are thread-safe and must not block.
 */
@FunctionalInterface
public interface CommandTarget {

    CompletionStage<Void> send(Command command);
}
