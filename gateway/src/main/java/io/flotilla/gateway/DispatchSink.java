package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Port: receives every dispatch of a shard, in order, and applies backpressure.
 *
 * <p>Contract: {@link #offer} is called on the shard's event loop and must not block. It always takes the
 * dispatch it is given (the bytes are valid only during the call). It returns false when it is full: the shard
 * then stops reading its socket (Netty autoRead off), so nothing piles up in memory, and the sink must call
 * {@link ShardFeedback#resumeReading} once, on any thread, when it has room again. A few dispatches already
 * decoded from the same socket read may still be offered after a false; the sink takes them too. The same
 * {@link ShardFeedback} also carries "the store lost writes" back to the shard.
 *
 * <p>{@link #flush} is called on a hand-off after reading has stopped. It completes with the seq committed for the
 * shard's current session once everything offered so far is committed, or when {@code timeout} passes (then with
 * what is committed by then); it never fails because the store is down. The hand-off hands over that seq, never the
 * received one, so the next owner resumes exactly after the last committed event.
 */
public interface DispatchSink {
    boolean offer(Dispatch dispatch, ShardFeedback feedback);

    CompletionStage<Long> flush(ShardId shard, Duration timeout);
}
