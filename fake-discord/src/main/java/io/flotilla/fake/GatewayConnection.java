package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.wire.Envelope;
import io.flotilla.fake.wire.PayloadWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway WebSocket connection after the upgrade: sends HELLO (or, as a fault, op 7 instead of it), queues
 * what arrives before it, hands client payloads to its {@link ClientPayloads} and keeps the missed-heartbeat
 * timer. What the fake sends outside the dispatch stream goes through its {@link ControlWriter}; its session's
 * dispatches through its {@link DispatchPump}.
 *
 * <p>Threading: all state belongs to the channel's event loop. Shard hubs call {@link #attach}, {@link #wake}
 * and the fault verbs from their threads; those hop onto the loop.
 */
// Netty write and schedule futures are not awaited: write failures close the channel (channelInactive cleans
// up) and timers only act on a live channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class GatewayConnection extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);

    // settings and collaborators
    private final GatewayContext context;
    private final ConnectionInfo info;
    private final PayloadWriter writer;
    private final ClientPayloads payloads;
    private final ControlWriter control;
    private final DispatchPump pump;
    private final Channel channel;

    // state, event loop only
    private final ArrayDeque<ByteBuf> beforeHello = new ArrayDeque<>();
    private boolean helloSent;
    private @Nullable ScheduledFuture<?> heartbeatDeadline;

    GatewayConnection(GatewayContext context, ConnectionInfo info, PayloadWriter writer, Channel channel) {
        this.context = context;
        this.info = info;
        this.writer = writer;
        this.channel = channel;
        this.control = new ControlWriter(channel, writer, info, context.config.reconnectCloseDelay());
        this.payloads = new ClientPayloads(context, this);
        this.pump = new DispatchPump(channel, writer, context.log, info.id(), control::ending);
    }

    long id() {
        return info.id();
    }

    String path() {
        return info.path();
    }

    Channel channel() {
        return channel;
    }

    long cursor() {
        return pump.cursor();
    }

    /** HELLO, ACKs, op 1/7/9, closes and drops; any thread. */
    ControlWriter control() {
        return control;
    }

    // ---- lifecycle ----

    /** Called once the upgrade is done: HELLO now or after the configured delay (GATEWAY.md 5.1). */
    void start() {
        if (!channel.isActive()) {
            return; // the client left during the handshake; channelInactive has logged it
        }
        context.opened(this);
        context.log.connection(info.snapshot(context.log.now()));
        if (context.takeReconnectBeforeHello()) {
            // GATEWAY.md 5.1 and 13: op 7 may come before HELLO or instead of it; no HELLO follows.
            control.reconnect("reconnect requested (op 7) before HELLO and the client did not close");
            return;
        }
        long delay = context.config.helloDelay().toNanos();
        if (delay == 0) {
            sendHello();
        } else {
            channel.eventLoop().schedule(this::sendHello, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** The upgrade's query was refused (GATEWAY.md 13): close at once, no HELLO. */
    void refuse(CloseCode code, String reason) {
        context.log.violation(info.id(), code.code(), reason);
        control.closeWith(code.code(), reason);
    }

    private void sendHello() {
        if (control.ending()) {
            return;
        }
        helloSent = true;
        control.write(Envelope.hello(
                channel.alloc(), context.config.heartbeatInterval().toMillis()));
        heartbeatReceived();
        while (!beforeHello.isEmpty() && !control.ending()) {
            ByteBuf early = beforeHello.poll();
            try {
                payloads.handle(early);
            } finally {
                early.release();
            }
        }
    }

    /**
     * Restarts the missed-heartbeat timer. Its expiry closes with 4009, logged as the end of the session (a
     * client following Discord identifies anew), which the fake keeps resumable all the same (GATEWAY.md 13).
     */
    void heartbeatReceived() {
        if (heartbeatDeadline != null) {
            heartbeatDeadline.cancel(false);
        }
        long timeout = context.config.missedHeartbeatTimeout().toNanos();
        heartbeatDeadline = channel.eventLoop().schedule(this::missedHeartbeats, timeout, TimeUnit.NANOSECONDS);
    }

    private void missedHeartbeats() {
        if (control.ending()) {
            return;
        }
        payloads.sessionEnds(SessionEnd.Cause.TIMED_OUT);
        control.closeWith(
                CloseCode.SESSION_TIMED_OUT.code(),
                "no heartbeat within " + context.config.missedHeartbeatTimeout().toMillis() + " ms");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            if (control.ending()) {
                return; // the client's answer to our own close: it says nothing about the session
            }
            int code = close.statusCode();
            control.ended(ConnectionEnd.CLIENT_CLOSED, code, close.reasonText());
            payloads.clientClosed(code);
            CloseFrames.closeWith(channel, code < 0 ? 1000 : code, "");
        } else if (frame instanceof PingWebSocketFrame ping) {
            channel.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof PongWebSocketFrame || control.ending()) {
            return;
        } else if (!helloSent) {
            beforeHello.add(frame.content().retain());
        } else {
            payloads.handle(frame.content());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            pump.pump();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            payloads.violation(CloseCode.DECODE_ERROR, "frame too long: " + cause.getMessage());
            return;
        }
        LOG.debug("fake-discord connection {} failed; closing it", info.id(), cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        control.ended(ConnectionEnd.LOST, -1, "TCP closed without a close frame");
        context.log.connection(info.snapshot(context.log.now()));
        context.closed(this);
        payloads.connectionEnded();
        if (heartbeatDeadline != null) {
            heartbeatDeadline.cancel(false);
        }
        beforeHello.forEach(ByteBuf::release);
        beforeHello.clear();
        writer.close();
        ctx.fireChannelInactive();
    }

    // ---- session stream and verbs, any thread ----

    /** A hub attached a session: write from {@code fromSeq + 1}; seqs up to {@code replayUntil} are replays. */
    void attach(Session attachedSession, long fromSeq, long replayUntil) {
        pump.attach(attachedSession, fromSeq, replayUntil);
    }

    /** The hub appended to this connection's session. */
    void wake() {
        pump.wake();
    }

    /** op 7; the fake closes with 4000 after the configured delay if the client has not closed by then. */
    void sendReconnect() {
        control.reconnect("reconnect requested (op 7) and the client did not close");
    }

    /** op 9 from a fault: the socket stays open and un-authenticated, the client may identify or resume on it. */
    void invalidated(boolean resumable) {
        control.onLoop(() -> {
            pump.detach();
            payloads.deauthenticated();
            control.write(Envelope.invalidSession(channel.alloc(), resumable));
        });
    }

    /** A hub turned a RESUME down: op 9 false, or close 4007 when {@code badSeq}. */
    void resumeRejected(boolean badSeq, String reason) {
        control.onLoop(() -> payloads.resumeRejected(badSeq, reason));
    }

    /** Sends a close frame with this code, then closes the channel. The session (if any) stays resumable. */
    void closeWith(int code, String reason) {
        control.closeWith(code, reason);
    }
}
