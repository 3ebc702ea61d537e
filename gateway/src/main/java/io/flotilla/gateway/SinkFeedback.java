package io.flotilla.gateway;

import io.netty.channel.EventLoop;

/**
 * The {@link ShardFeedback} a shard hands to its {@link DispatchSink} with every dispatch: each call hops onto the
 * shard's event loop and reaches the {@link ShardDriver} there. One per shard; thread-safe (it only submits tasks).
 */
final class SinkFeedback implements ShardFeedback {
    private final EventLoop loop;
    private final ShardDriver driver;

    SinkFeedback(EventLoop loop, ShardDriver driver) {
        this.loop = loop;
        this.driver = driver;
    }

    @Override
    public void resumeReading() {
        loop.execute(driver::resumeReading);
    }

    @Override
    public void continueFrom(String sessionId, long seq) {
        loop.execute(() -> driver.continueFrom(sessionId, seq));
    }

    @Override
    public void sessionLost(String sessionId) {
        loop.execute(() -> driver.sessionLost(sessionId));
    }

    @Override
    public String toString() {
        return "SinkFeedback" + driver.shardId();
    }
}
