package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.wire.Envelope;
import io.flotilla.fake.wire.PayloadWriter;
import io.flotilla.fake.world.Dispatch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway WebSocket connection after the upgrade: sends HELLO, queues what arrives before it, hands client
 * payloads to its {@link ClientPayloads}, and writes its session's dispatches from its cursor while the
 * channel is writable (one flush per batch; backpressure stops the cursor, never a queue).
 *
 * <p>Threading: all state belongs to the channel's event loop. Shard hubs call {@link #attach}, {@link #wake}
 * and the fault verbs from their threads; those hop onto the loop. {@link #cursor()} is volatile because the hub
 * reads it to know which ring slots it may overwrite.
 */
// Netty write and schedule futures are not awaited: write failures close the channel (channelInactive cleans
// up) and timers only act on a live channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class GatewayConnection extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
    private static final int MAX_BATCH = 512;

    // settings and collaborators
    private final GatewayContext context;
    private final ConnectionInfo info;
    private final PayloadWriter writer;
    private final ClientPayloads payloads;
    private final Channel channel;

    // state, event loop only (except the two cross-thread fields below)
    private final ArrayDeque<ByteBuf> beforeHello = new ArrayDeque<>();
    private boolean helloSent;
    private @Nullable Session session;
    private long replayUntil;
    private @Nullable ScheduledFuture<?> heartbeatDeadline;
    private boolean ending;
    private volatile long cursor;
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private final Runnable pumpTask = this::pump;

    GatewayConnection(GatewayContext context, ConnectionInfo info, PayloadWriter writer, Channel channel) {
        this.context = context;
        this.info = info;
        this.writer = writer;
        this.channel = channel;
        this.payloads = new ClientPayloads(context, this);
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
        return cursor;
    }

    // ---- lifecycle ----

    /** Called once the upgrade is done: HELLO now or after the configured delay (GATEWAY.md 5.1). */
    void start() {
        if (!channel.isActive()) {
            return; // the client left during the handshake; channelInactive has logged it
        }
        context.opened(this);
        context.log.connection(info.snapshot(context.log.now()));
        long delay = context.config.helloDelay().toNanos();
        if (delay == 0) {
            sendHello();
        } else {
            channel.eventLoop().schedule(this::sendHello, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** The upgrade's query was refused (GATEWAY.md 13): close at once, no HELLO. */
    void refuse(CloseCode code, String reason) {
        ending = true;
        info.ended(ConnectionEnd.SERVER_CLOSED, code.code(), reason);
        context.log.violation(info.id(), code.code(), reason);
        channel.writeAndFlush(new CloseWebSocketFrame(code.code(), reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private void sendHello() {
        if (ending) {
            return;
        }
        helloSent = true;
        writeControl(Envelope.hello(
                channel.alloc(), context.config.heartbeatInterval().toMillis()));
        heartbeatReceived();
        while (!beforeHello.isEmpty() && !ending) {
            ByteBuf early = beforeHello.poll();
            try {
                payloads.handle(early);
            } finally {
                early.release();
            }
        }
    }

    /** Restarts the missed-heartbeat timer; its expiry closes with 4009 and keeps the session (GATEWAY.md 13). */
    void heartbeatReceived() {
        if (heartbeatDeadline != null) {
            heartbeatDeadline.cancel(false);
        }
        long timeout = context.config.missedHeartbeatTimeout().toNanos();
        heartbeatDeadline = channel.eventLoop()
                .schedule(
                        () -> closeWith(
                                CloseCode.SESSION_TIMED_OUT.code(),
                                "no heartbeat within "
                                        + context.config
                                                .missedHeartbeatTimeout()
                                                .toMillis() + " ms"),
                        timeout,
                        TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            if (ending) {
                return; // the client's answer to our own close: it says nothing about the session
            }
            int code = close.statusCode();
            info.ended(ConnectionEnd.CLIENT_CLOSED, code, close.reasonText());
            payloads.clientClosed(code);
            ending = true;
            channel.writeAndFlush(new CloseWebSocketFrame(code < 0 ? 1000 : code, ""))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (frame instanceof PingWebSocketFrame ping) {
            channel.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof PongWebSocketFrame) {
            return;
        } else if (ending) {
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
            pump();
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
        ending = true;
        info.ended(ConnectionEnd.LOST, -1, "TCP closed without a close frame");
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

    // ---- session stream ----

    /** A hub attached a session: write from {@code fromSeq + 1}; seqs up to {@code replayUntil} are replays. */
    void attach(Session attachedSession, long fromSeq, long replayUntil) {
        cursor = fromSeq;
        channel.eventLoop().execute(() -> {
            this.session = attachedSession;
            this.replayUntil = replayUntil;
            pump();
        });
    }

    /** The hub appended to this connection's session; coalesces into one pump task. */
    void wake() {
        if (pumpScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(pumpTask);
        }
    }

    private void pump() {
        pumpScheduled.set(false);
        Session current = session;
        if (current == null || ending || !channel.isActive()) {
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
            context.log.written(
                    info.id(), current.hub().key.id(), current.id(), next, dispatch.type(), next <= replayUntil);
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

    // ---- writes and closes, any thread ----

    private void writeControl(ByteBuf payload) {
        writer.write(channel, payload);
        channel.flush();
    }

    void onLoop(Runnable action) {
        if (channel.eventLoop().inEventLoop()) {
            action.run();
        } else {
            channel.eventLoop().execute(action);
        }
    }

    void sendHeartbeatAck() {
        writeControl(Envelope.heartbeatAck(channel.alloc()));
    }

    void sendInvalidSession(boolean resumable) {
        onLoop(() -> {
            if (!ending) {
                writeControl(Envelope.invalidSession(channel.alloc(), resumable));
            }
        });
    }

    void requestHeartbeat() {
        onLoop(() -> {
            if (!ending) {
                writeControl(Envelope.heartbeatRequest(channel.alloc()));
            }
        });
    }

    /** op 7; the fake closes with 4000 after the configured delay if the client has not closed by then. */
    void sendReconnect() {
        onLoop(() -> {
            if (ending) {
                return;
            }
            writeControl(Envelope.reconnect(channel.alloc()));
            channel.eventLoop()
                    .schedule(
                            () -> closeWith(4000, "reconnect requested (op 7) and the client did not close"),
                            context.config.reconnectCloseDelay().toNanos(),
                            TimeUnit.NANOSECONDS);
        });
    }

    /** op 9 from a fault: the socket stays open and un-authenticated, the client may identify or resume on it. */
    void invalidated(boolean resumable) {
        onLoop(() -> {
            session = null;
            payloads.deauthenticated();
            if (!ending) {
                writeControl(Envelope.invalidSession(channel.alloc(), resumable));
            }
        });
    }

    /** A hub turned a RESUME down: op 9 false, or close 4007 when {@code badSeq}. */
    void resumeRejected(boolean badSeq, String reason) {
        onLoop(() -> payloads.resumeRejected(badSeq, reason));
    }

    /** Sends a close frame with this code, then closes the channel. The session (if any) stays resumable. */
    void closeWith(int code, String reason) {
        onLoop(() -> {
            if (ending || !channel.isActive()) {
                return;
            }
            ending = true;
            info.ended(ConnectionEnd.SERVER_CLOSED, code, reason);
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        });
    }

    /** Cuts TCP without a close frame; SO_LINGER 0 makes it an RST. */
    void drop() {
        onLoop(() -> {
            if (ending || !channel.isActive()) {
                return;
            }
            ending = true;
            info.ended(ConnectionEnd.SERVER_DROPPED, -1, "dropped by fault injection");
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        });
    }
}
