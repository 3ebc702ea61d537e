package io.flotilla.cluster.command;

import java.util.concurrent.CompletionStage;

/**
 * Where valid commands go: the shard's send queue, which sends them within Discord's 120 per 60 s (GATEWAY.md
 * section 6). The stage completes once the command was written to the gateway connection; the reader deletes its
 * entry only then. It fails with {@link CommandRefusedException} when the command must never be sent (the queue is
 * full; recorded as rejected) and with any other exception when this node just did not send it (the shard is not
 * running here, it stopped or handed off first; the entry is left for the shard's owner).
 *
 * <p>Implementations are thread-safe and must not block.
 */
@FunctionalInterface
public interface CommandTarget {

    CompletionStage<Void> send(Command command);
}
