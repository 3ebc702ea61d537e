package io.flotilla.fake;

import io.flotilla.fake.wire.Envelope;
import io.flotilla.fake.wire.PayloadWriter;
import io.flotilla.fake.world.Dispatch;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes one connection's session stream: from its cursor up to what the session's {@link DispatchRing} holds,
 * while the channel is writable, in batches of {@link #MAX_BATCH} with one flush each (backpressure stops the
 * cursor, never a queue).
 *
 * <p>Threading: the session and replay bound belong to the channel's event loop. The hub calls {@link #attach}
 * and {@link #wake} from its thread (both hop onto the loop) and reads {@link #cursor()}, which is volatile, to
 * know which ring slots it may overwrite.
 */
final class DispatchPump {

    private static final int MAX_BATCH = 512;

    // collaborators
    private final Channel channel;
    private final PayloadWriter writer;
    private final FakeLog log;
    private final long connectionId;
    private final BooleanSupplier stopped;

    // state, event loop only (except the two cross-thread fields)
    private @Nullable Session session;
    private long replayUntil;
    private volatile long cursor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable task = this::pump;

    DispatchPump(Channel channel, PayloadWriter writer, FakeLog log, long connectionId, BooleanSupplier stopped) {
        this.channel = channel;
        this.writer = writer;
        this.log = log;
        this.connectionId = connectionId;
        this.stopped = stopped;
    }

    long cursor() {
        return cursor;
    }

    /** A hub attached a session: write from {@code fromSeq + 1}; seqs up to {@code replayUntil} are replays. */
    void attach(Session attachedSession, long fromSeq, long replayBound) {
        cursor = fromSeq;
        channel.eventLoop().execute(() -> {
            this.session = attachedSession;
            this.replayUntil = replayBound;
            pump();
        });
    }

    /** The connection no longer carries a session (op 9 from a fault); event loop only. */
    void detach() {
        session = null;
    }

    /** The hub appended to the session; coalesces into one pump task. */
    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(task);
        }
    }

    /** Writes what it may now; event loop only. */
    void pump() {
        scheduled.set(false);
        Session current = session;
        if (current == null || stopped.getAsBoolean() || !channel.isActive()) {
            return;
        }
        DispatchRing ring = current.ring();
        long produced = ring.produced();
        long next = cursor;
        int written = 0;
        while (next < produced && written < MAX_BATCH && channel.isWritable()) {
            next++;
            Dispatch dispatch = ring.get(next);
            writer.write(channel, Envelope.dispatch(channel.alloc(), next, dispatch.type(), dispatch.data()));
            log.written(connectionId, current.hub().key.id(), current.id(), next, dispatch.type(), next <= replayUntil);
            written++;
        }
        cursor = next;
        if (written > 0) {
            channel.flush();
        }
        if (next < produced && channel.isWritable()) {
            wake();
        }
    }
}
