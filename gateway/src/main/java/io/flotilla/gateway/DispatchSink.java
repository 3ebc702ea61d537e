package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.util.concurrent.CompletionStage;

/**
 * Port: receives every dispatch of a shard, in order, and applies backpressure.
 *
 * <p>Contract: {@link #offer} is called on the shard's event loop and must not block. It always takes the
 * dispatch it is given (the bytes are valid only during the call). It returns false when it is full: the shard
 * then stops reading its socket (Netty autoRead off), so nothing piles up in memory, and the sink must run {@code
 * resumeReading} once, on any thread, when it has room again. A few dispatches already decoded from the same
 * socket read may still be offered after a false; the sink takes them too.
 *
 * <p>{@link #flush} is called on a hand-off after reading has stopped: it completes when everything offered so far
 * is committed, so the session handed to the next node starts exactly after the last committed event.
 */
public interface DispatchSink {
    boolean offer(Dispatch dispatch, Runnable resumeReading);

    CompletionStage<Void> flush(ShardId shard);
}
