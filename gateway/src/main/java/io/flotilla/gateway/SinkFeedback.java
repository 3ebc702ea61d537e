package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.protocol.Recovery;
import io.netty.channel.EventLoop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ShardFeedback} a shard hands to its {@link DispatchSink} with every dispatch: each call hops onto the
 * shard's event loop, checks that it concerns the current session, and turns "the store lost writes" into a
 * planned end of the current connection: RESUME from the stored seq, or a new identify. One per shard; the public
 * methods are thread-safe (they only submit tasks), the rest runs on the loop.
 */
final class SinkFeedback implements ShardFeedback {
    private static final Logger LOG = LoggerFactory.getLogger(SinkFeedback.class);

    private final EventLoop loop;
    private final ShardDriver driver;
    private final ShardSession session;
    private final ShardStateMachine states;

    SinkFeedback(EventLoop loop, ShardDriver driver, ShardSession session, ShardStateMachine states) {
        this.loop = loop;
        this.driver = driver;
        this.session = session;
        this.states = states;
    }

    @Override
    public void resumeReading() {
        loop.execute(driver::resumeReading);
    }

    @Override
    public void continueFrom(String sessionId, long seq) {
        loop.execute(() -> {
            if (current(sessionId) && session.rewind(seq)) {
                LOG.warn(
                        "shard {} store holds session {} only up to seq {}: resuming from there so Discord replays"
                                + " the rest",
                        driver.shardId(),
                        sessionId,
                        seq);
                driver.closeCurrent(ConnectionEnd.planned(
                        "the store lost writes; resuming from seq " + seq, Recovery.RESUME, Duration.ZERO, null));
            }
        });
    }

    @Override
    public void sessionLost(String sessionId) {
        loop.execute(() -> {
            if (current(sessionId)) {
                LOG.warn("shard {} store lost session {}: identifying anew", driver.shardId(), sessionId);
                session.end(SessionEnd.Reason.STORE_LOST);
                driver.closeCurrent(
                        ConnectionEnd.planned("the store lost the session", Recovery.IDENTIFY, Duration.ZERO, null));
            }
        });
    }

    private boolean current(String sessionId) {
        ShardState state = states.current();
        return sessionId.equals(session.id()) && !state.isFinal() && state != ShardState.STOPPING;
    }

    @Override
    public String toString() {
        return "SinkFeedback" + driver.shardId();
    }
}
