package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.wire.Envelope;
import io.flotilla.fake.wire.PayloadWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the fake sends on one connection outside the dispatch stream (HELLO, ACKs, op 1, op 7, op 9, close
 * frames, RST drops) and whether the connection is ending: once a close or drop has started, nothing else is
 * written and the first ending is what the log keeps.
 *
 * <p>Threading: state belongs to the channel's event loop; the verbs may be called from any thread and hop onto
 * the loop ({@link #onLoop}).
 */
// Timers only act on a live channel; nobody waits for them.
@SuppressWarnings("FutureReturnValueIgnored")
final class ControlWriter {

    private final Channel channel;
    private final PayloadWriter writer;
    private final ConnectionInfo info;
    private final Duration reconnectCloseDelay;

    // event loop only
    private boolean ending;

    ControlWriter(Channel channel, PayloadWriter writer, ConnectionInfo info, Duration reconnectCloseDelay) {
        this.channel = channel;
        this.writer = writer;
        this.info = info;
        this.reconnectCloseDelay = reconnectCloseDelay;
    }

    /** Whether a close or drop has started (or the channel went inactive); event loop only. */
    boolean ending() {
        return ending;
    }

    /** Marks the connection as ending with this outcome (the first one recorded wins); event loop only. */
    void ended(ConnectionEnd how, int code, String reason) {
        ending = true;
        info.ended(how, code, reason);
    }

    void onLoop(Runnable action) {
        if (channel.eventLoop().inEventLoop()) {
            action.run();
        } else {
            channel.eventLoop().execute(action);
        }
    }

    /** Writes one payload now, unless the connection is ending; event loop only. */
    void write(ByteBuf payload) {
        if (ending) {
            payload.release();
            return;
        }
        writer.write(channel, payload);
        channel.flush();
    }

    void heartbeatAck() {
        onLoop(() -> write(Envelope.heartbeatAck(channel.alloc())));
    }

    void invalidSession(boolean resumable) {
        onLoop(() -> write(Envelope.invalidSession(channel.alloc(), resumable)));
    }

    void heartbeatRequest() {
        onLoop(() -> write(Envelope.heartbeatRequest(channel.alloc())));
    }

    /** op 7; closes with 4000 and this reason after the configured delay if the client has not closed by then. */
    void reconnect(String closeReason) {
        onLoop(() -> {
            if (ending) {
                return;
            }
            write(Envelope.reconnect(channel.alloc()));
            channel.eventLoop()
                    .schedule(
                            () -> closeWith(CloseCode.UNKNOWN_ERROR.code(), closeReason),
                            reconnectCloseDelay.toNanos(),
                            TimeUnit.NANOSECONDS);
        });
    }

    /** Sends a close frame with this code (reason fitted to a control frame), then closes the channel. */
    void closeWith(int code, String reason) {
        onLoop(() -> {
            if (ending || !channel.isActive()) {
                return;
            }
            ended(ConnectionEnd.SERVER_CLOSED, code, reason);
            CloseFrames.closeWith(channel, code, reason);
        });
    }

    /** Cuts TCP without a close frame; SO_LINGER 0 makes it an RST. */
    void drop() {
        onLoop(() -> {
            if (ending || !channel.isActive()) {
                return;
            }
            ended(ConnectionEnd.SERVER_DROPPED, -1, "dropped by fault injection");
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        });
    }
}
